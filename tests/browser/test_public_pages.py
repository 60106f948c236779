"""A visitor's walk in Chromium: home page, reports list, a report, and back and forth between languages.

Every page is photographed at phone width (390px) and on a desktop into test-artifacts/screenshots/.
"""

import pytest

from reports.models import Report
from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

SIZES = [("phone", PHONE), ("desktop", DESKTOP)]


def fits_the_width(page, viewport):
    return page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_visitor_reads_reports_and_switches_language(live_server, page, demo_password, console_errors, screenshot):
    # Both sizes in one test: the demo content is loaded once (live-server tests flush the database).
    for size_name, viewport in SIZES:
        walk_the_public_pages(live_server, page, screenshot, size_name, viewport)
    assert console_errors == []


def walk_the_public_pages(live_server, page, screenshot, size_name, viewport):
    page.set_viewport_size(viewport)
    report = Report.objects.published().exclude(summary="").order_by("-published_on").first()
    assert report is not None, "the demo content has a published report"

    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    screenshot(page, f"public-home-{size_name}")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("svg[role=img]").count() == 2
    assert page.locator("table").count() == 2
    assert fits_the_width(page, viewport)

    page.locator("nav[aria-label] a[href='/reports/']").first.click()
    page.wait_for_url("**/reports/")
    screenshot(page, f"public-reports-{size_name}")
    assert page.locator(".result-count").first.inner_text().strip()
    cards = page.locator(".card-list .card")
    assert cards.count() >= 1
    # Filters: on a phone they fold above the list; on a desktop they stay open beside it.
    kind_select = page.locator(".filters select[name=kind]")
    if size_name == "phone":
        assert not kind_select.is_visible()
        page.locator(".filters summary").click()
    assert kind_select.is_visible()
    kind_select.select_option(report.kind)
    with page.expect_navigation():
        page.locator(".filters button[type=submit]").click()
    assert f"kind={report.kind}" in page.url
    screenshot(page, f"public-reports-filtered-{size_name}")
    assert fits_the_width(page, viewport)

    page.locator(f".card a[href='{report.get_absolute_url()}']").click()
    page.wait_for_url(f"**{report.get_absolute_url()}")
    screenshot(page, f"public-report-{size_name}")
    assert page.locator("h1").inner_text().strip() == report.title_ru
    assert page.locator(".breadcrumbs a[href='/reports/']").count() == 1
    assert fits_the_width(page, viewport)

    with page.expect_navigation():
        page.locator(".language-switcher button[value=en]").click()
    assert page.url == f"{live_server.url}/en{report.get_absolute_url()}"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".language-current").inner_text() == "English"
    assert page.locator("h1").inner_text().strip() == (report.title_en or report.title_ru)
    screenshot(page, f"public-report-en-{size_name}")

    with page.expect_navigation():
        page.locator(".language-switcher button[value=ru]").click()
    assert page.url == f"{live_server.url}{report.get_absolute_url()}"
    assert page.locator("html").get_attribute("lang") == "ru"


def test_keyboard_focus_is_visible(live_server, page, screenshot):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    screenshot(page, "public-focus-desktop")
