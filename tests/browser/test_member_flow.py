"""On a phone: the demo member records an action that promotes a recommendation and proposes an assessment;
the coordinator confirms it; the public dossier shows it. A screenshot at each step."""

import re

import pytest

from advocacy.models import Event
from partners.access import Workflow
from recommendations.models import Recommendation, Status, StatusAssessment
from tests.browser.conftest import SMALL_PHONE

pytestmark = pytest.mark.browser

EVIDENCE = "In 2017 the government adopted a programme that registers the children of migrant workers."


def fits_the_phone(page):
    return page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]


def test_member_records_and_coordinator_confirms(live_server, page, console_errors, screenshot, login, demo_password):
    page.set_viewport_size(SMALL_PHONE)
    base = live_server.url
    recommendation = (
        Recommendation.objects.public()
        .filter(review__mechanism__code="CMW", status=Status.NOT_ASSESSED)
        .exclude(text_en="")
        .order_by("pk")
        .first()
    )
    assert recommendation is not None, "the demo content has a CMW recommendation that is not assessed"
    label = recommendation.text_en[:30]
    search_words = " ".join(recommendation.text_en.split()[:3])

    # 1. The member logs in and lands in the members' area.
    login(page, "member", demo_password)
    page.goto(base + "/en/members/")
    screenshot(page, "member-flow-01-member-home")
    assert page.locator("h1").inner_text() == "Members' area"
    assert fits_the_phone(page)

    # 2. Records an advocacy action that promotes the recommendation (searchable picker).
    page.get_by_role("link", name="Record an advocacy action").click()
    page.select_option("#id_event-kind", Event.Kind.LOBBYING_MEETING)
    page.fill("#id_event-title_en", "Meeting with the Ministry of Labour on migrants' children")
    page.fill("#id_event-starts_on", "2017-02-14")
    page.fill("#id_event-place", "Bishkek")
    page.fill("#id_event-outcome_en", "The ministry promised to register the children of migrant workers.")
    search = page.locator("#id_event-recommendations_promoted-search")
    search.fill(search_words)
    result = page.locator(".picker-result", has_text=label)
    result.first.wait_for()
    result.first.click()
    chip = page.locator(".picker-chip", has_text=label)
    assert chip.count() == 1
    assert fits_the_phone(page)
    screenshot(page, "member-flow-02-action-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Save and send for review").click()
    screenshot(page, "member-flow-03-action-saved")
    event = Event.objects.get(title_en="Meeting with the Ministry of Labour on migrants' children")
    assert event.status == Workflow.IN_REVIEW
    assert event.owner.slug == "bir-duino-kyrgyzstan"
    assert list(event.recommendations_promoted.all()) == [recommendation]
    assert page.locator(".message--success").count() == 1

    # 3. Proposes an assessment from the dossier.
    page.goto(base + f"/en/recommendations/{recommendation.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Propose an assessment").click()
    page.select_option("#id_status", Status.PARTIALLY_IMPLEMENTED)
    page.fill("#id_assessed_on", "2017-06-01")
    page.fill("#id_evidence", EVIDENCE)
    page.fill("#id_source_url", "https://example.org/programme-2017")
    assert fits_the_phone(page)
    screenshot(page, "member-flow-04-assessment-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Send to the coordinators").click()
    screenshot(page, "member-flow-05-assessment-sent")
    assessment = StatusAssessment.objects.get(recommendation=recommendation, evidence=EVIDENCE)
    assert assessment.state == StatusAssessment.State.PROPOSED

    # 4. The coordinator logs in, finds it in the queue and confirms it.
    with page.expect_navigation():
        page.get_by_role("button", name="Log out").click()
    login(page, "coordinator", demo_password)
    page.goto(base + "/en/members/review/")
    queue_count = page.locator(".review-link .badge").inner_text()
    assert int(re.match(r"\d+", queue_count).group()) >= 2
    item = page.locator(f"#assessment-{assessment.pk}")
    assert EVIDENCE in item.inner_text()
    item.scroll_into_view_if_needed()
    assert fits_the_phone(page)
    screenshot(page, "member-flow-06-review-queue")
    with page.expect_navigation():
        item.get_by_role("button", name="Confirm").click()
    screenshot(page, "member-flow-07-confirmed")
    assessment.refresh_from_db()
    assert assessment.state == StatusAssessment.State.CONFIRMED
    assert page.locator(f"#assessment-{assessment.pk}").count() == 0

    # 5. The public dossier shows the new status and the evidence.
    with page.expect_navigation():
        page.get_by_role("button", name="Log out").click()
    page.goto(base + f"/en/recommendations/{recommendation.pk}/")
    screenshot(page, "member-flow-08-public-dossier")
    assert "Partially implemented" in page.locator("main").inner_text()
    assert EVIDENCE in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Propose an assessment").count() == 0
    assert console_errors == []
