"""At 360 px (a small phone) no page of the members' area or the coordinators' scrolls sideways, in English
and in Kyrgyz (longer words). Issue 13, point 7: file inputs pushed the action form to 380 px, the assessment
form and the import page to 363 px."""

import pytest
from django.contrib.auth import get_user_model

from cycle.models import CycleReview
from partners.access import Workflow
from recommendations.models import Recommendation
from tests.advocacy.factories import EventFactory
from tests.browser.conftest import SMALL_PHONE
from tests.jobs.factories import DoneJobFactory

pytestmark = pytest.mark.browser


def page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def member_pages():
    member = get_user_model().objects.get(username="member")
    organisation = member.memberships.first().organisation
    draft = EventFactory(status=Workflow.DRAFT, owner=organisation, recorded_by=member, title="A draft of the member")
    job = DoneJobFactory(owner=member, label="Export of recommendations")
    recommendation = Recommendation.objects.public().order_by("pk").first()
    review = CycleReview.objects.order_by("pk").first()
    return [
        "/members/",
        "/advocacy/new/",
        f"/recommendations/{recommendation.pk}/assess/",
        "/members/jobs/",
        "/members/tokens/",
        "/members/reminders/",
        "/calendar/",
        f"/calendar/reviews/{review.pk}/",
        "/accounts/password_change/",
        f"/advocacy/{draft.pk}/edit/",
        f"/members/jobs/{job.pk}/",
    ]


COORDINATOR_PAGES = ["/members/", "/members/review/", "/recommendations/import/", "/members/jobs/", "/calendar/"]


def too_wide(page, live_server, prefix, paths, screenshot, who):
    wide = []
    for path in paths:
        response = page.goto(f"{live_server.url}{prefix}{path}")
        assert response.ok, f"{prefix}{path} answered {response.status}"
        width = page_width(page)
        if width > SMALL_PHONE["width"]:
            wide.append((f"{prefix}{path}", width))
        name = path.strip("/").replace("/", "-") or "home"
        screenshot(page, f"360px-{who}-{prefix.strip('/')}-{name}")
    return wide


@pytest.mark.parametrize("prefix", ["/en", "/ky"])
def test_members_and_coordinators_pages_fit_a_small_phone(
    live_server, page, login, demo_password, screenshot, console_errors, prefix
):
    page.set_viewport_size(SMALL_PHONE)
    login(page, "member", demo_password)
    wide = too_wide(page, live_server, prefix, member_pages(), screenshot, "member")
    page.context.clear_cookies()
    login(page, "coordinator", demo_password)
    wide += too_wide(page, live_server, prefix, COORDINATOR_PAGES, screenshot, "coordinator")
    assert wide == []
    assert console_errors == []
