"""Venues often have no internet: no page may fetch anything from another host."""

import pytest

from tests.conftest import LOCAL_HOSTS, requested_hosts, wait_for_app

pytestmark = pytest.mark.browser

PATHS = ["/", "/daerah?region=32.74", "/quick-wins", "/angkatan", "/peta", "/presentasi"]


@pytest.mark.parametrize("path", PATHS)
def test_page_requests_only_localhost(app_url, page, path):
    hosts = requested_hosts(page)
    page.goto(app_url + path)
    wait_for_app(page)
    page.wait_for_load_state("networkidle")  # late fetches (map files, fonts) included
    assert hosts <= LOCAL_HOSTS
