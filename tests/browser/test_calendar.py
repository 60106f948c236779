"""The review calendar in Chromium: a visitor filters it, opens a review, and finds the iCalendar link.

Photographed at phone width and on a desktop into test-artifacts/screenshots/.
"""

import pytest

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


def fits_the_width(page, viewport):
    return page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_visitor_walks_the_review_calendar(live_server, page, demo_password, console_errors, screenshot):
    for size_name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        page.goto(live_server.url + "/en/calendar/?when=past")
        page.wait_for_load_state("networkidle")
        screenshot(page, f"calendar-past-{size_name}")
        assert page.locator("h1").inner_text() == "Review calendar"
        assert page.locator("a[href^='/en/calendar.ics']").count() >= 1
        assert page.locator(".calendar-entry").count() >= 5
        assert fits_the_width(page, viewport)
        mechanism = page.locator(".filters select[name=mechanism]")
        if not mechanism.is_visible():  # folded on a phone unless a filter is already set
            page.locator(".filters summary").click()
        mechanism.select_option("CMW")
        with page.expect_navigation():
            page.locator(".filters button[type=submit]").click()
        assert "mechanism=CMW" in page.url
        assert page.locator(".card-kind", has_text="UPR").count() == 0
        page.locator(".calendar-entry a", has_text="CMW reviews Kyrgyzstan").first.click()
        page.wait_for_load_state("networkidle")
        screenshot(page, f"calendar-review-{size_name}")
        assert "computed by rule" in page.content()
        assert fits_the_width(page, viewport)
    assert console_errors == []
