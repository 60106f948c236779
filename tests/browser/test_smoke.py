"""The home page opens in a real browser, on a phone and on a desktop, without a console error."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("size_name", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)], ids=["phone", "desktop"])
def test_home_page_renders_without_console_errors(live_server, page, console_errors, screenshot, size_name, viewport):
    page.set_viewport_size(viewport)

    response = page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    screenshot(page, f"home-{size_name}")

    assert response.status == 200
    assert page.locator("h1").count() >= 1
    assert page.locator("h1").first.inner_text().strip()
    assert console_errors == []
    # Nothing sticks out sideways on a phone: the page is no wider than the viewport.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
