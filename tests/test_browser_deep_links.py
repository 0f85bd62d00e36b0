"""A shared link is often the first request a server sees after a restart."""

import pytest

from tests.conftest import wait_for_app

pytestmark = pytest.mark.browser


def test_deep_link_on_a_fresh_server_gets_the_full_app(fresh_app_url, page):
    page.goto(fresh_app_url + "/daerah?region=32.12&lang=en")
    wait_for_app(page)
    page.get_by_role("heading", name="Kabupaten Indramayu").wait_for()
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "Overview" in nav and "Cohorts" in nav
    assert page.get_by_role("radio", name="English").is_visible()
    assert not page.get_by_text("Page not found").is_visible()
