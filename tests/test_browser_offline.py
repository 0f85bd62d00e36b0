"""Venues often have no internet: no page may fetch anything from another host."""

from urllib.parse import urlparse

import pytest

from tests.conftest import wait_for_app

pytestmark = pytest.mark.browser

PATHS = ["/", "/daerah?region=32.74", "/quick-wins", "/angkatan", "/peta", "/presentasi"]


@pytest.mark.parametrize("path", PATHS)
def test_page_requests_only_localhost(app_url, page, path):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))
    page.goto(app_url + path)
    wait_for_app(page)
    page.wait_for_load_state("networkidle")  # late fetches (map files, fonts) included
    assert hosts <= {"127.0.0.1", "localhost", None}
