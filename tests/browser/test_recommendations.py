"""A visitor filters the recommendations in Chromium, opens a dossier and follows it to a report and an event.

Every page is photographed at phone width and on a desktop into test-artifacts/screenshots/.
"""

import pytest

from advocacy.models import Event
from recommendations.models import Recommendation
from reports.models import Report
from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

SIZES = [("phone", PHONE), ("desktop", DESKTOP)]


def fits_the_width(page, viewport):
    return page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def demo_recommendation():
    """A public UN recommendation of the demo that a published report proposed and a public event promoted."""
    reports = Report.objects.published()
    events = Event.objects.public()
    candidates = Recommendation.objects.public().exclude(review__mechanism__kind="platform")
    rec = (
        candidates.filter(reports__in=reports, events__in=events).distinct().order_by("pk").first()
        or candidates.filter(reports__in=reports).distinct().order_by("pk").first()
    )
    assert rec is not None, "the demo content has a public recommendation proposed by a published report"
    return rec, rec.reports.published().first(), rec.events.public().first()


@pytest.mark.parametrize(("size_name", "viewport"), SIZES, ids=[name for name, _ in SIZES])
def test_filter_recommendations_and_follow_a_dossier(
    live_server, page, demo_password, console_errors, screenshot, size_name, viewport
):
    page.set_viewport_size(viewport)
    rec, report, event = demo_recommendation()
    mechanism = rec.review.mechanism.code

    page.goto(live_server.url + "/recommendations/")
    screenshot(page, f"recommendations-{size_name}")
    assert page.locator(".result-count").first.inner_text().strip()
    assert page.locator(".recommendation-list > li").count() >= 1
    assert fits_the_width(page, viewport)

    mechanism_select = page.locator(".filters select[name=mechanism]")
    if size_name == "phone":
        assert not mechanism_select.is_visible()
        page.locator(".filters summary").click()
    mechanism_select.select_option(mechanism)
    page.locator(".filters select[name=state]").select_option(rec.review.state.code)
    with page.expect_navigation():
        page.locator(".filters button[type=submit]").click()
    assert f"mechanism={mechanism}" in page.url and f"state={rec.review.state.code}" in page.url
    screenshot(page, f"recommendations-filtered-{size_name}")
    codes = page.locator(".recommendation-list > li .card-meta .symbol").all_inner_texts()
    assert codes and set(codes[::2]) == {mechanism}
    assert fits_the_width(page, viewport)

    # The bookmarkable address holds the filters: opening it again gives the same list.
    filtered_url = page.url
    page.goto(filtered_url)
    assert page.locator(".filters select[name=mechanism]").input_value() == mechanism

    link = page.locator(f".recommendation-list a[href='{rec.get_absolute_url()}']")
    if link.count():
        link.first.click()
        page.wait_for_url(f"**{rec.get_absolute_url()}")
    else:  # further down the list than the first page
        page.goto(live_server.url + rec.get_absolute_url())
    screenshot(page, f"recommendation-dossier-{size_name}")
    assert page.locator(".timeline > li").count() >= 2
    assert page.locator(".breadcrumbs a[href='/recommendations/']").count() == 1
    assert fits_the_width(page, viewport)

    page.locator(f"main a[href='{report.get_absolute_url()}']").first.click()
    page.wait_for_url(f"**{report.get_absolute_url()}")
    screenshot(page, f"recommendation-to-report-{size_name}")
    assert page.locator("h1").inner_text().strip() == report.title_ru

    if event is not None:
        page.go_back()
        page.locator(f"main a[href='{event.get_absolute_url()}']").first.click()
        page.wait_for_url(f"**{event.get_absolute_url()}")
        screenshot(page, f"recommendation-to-event-{size_name}")
        assert page.locator("h1").inner_text().strip() == event.title_ru
        assert page.locator(f"main a[href='{rec.get_absolute_url()}']").count() >= 1
    assert fits_the_width(page, viewport)
    assert console_errors == []
