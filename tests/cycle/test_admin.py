"""The calendar's back-office: coordinators only, change lists with filters, the CSV upload."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cycle.models import CycleReview, Deadline, FollowUpRule
from cycle.services import follow_up_deadline_sync
from tests.recommendations.factories import MechanismFactory

from .factories import CycleReviewFactory, DeadlineFactory, FollowUpFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/admin/cycle/cyclereview/", "/admin/cycle/deadline/", "/admin/cycle/followup/", "/admin/cycle/followuprule/"],
)
def test_coordinator_reaches_the_calendar_admin_and_members_do_not(people, client_for, url):
    review = CycleReviewFactory()
    DeadlineFactory(cycle=review)
    FollowUpFactory()
    query = "?publication=public" if "review/" in url or "deadline/" in url else "?o=1"
    assert client_for(people["coordinator"]).get(url + query).status_code == 200
    assert client_for(people["coordinator"]).get(url + "add/").status_code == 200
    for name in ("anonymous", "member", "other_member"):
        assert client_for(people[name]).get(url).status_code == 302


def test_review_change_page_with_inlines(people, client_for):
    review = CycleReviewFactory()
    DeadlineFactory(cycle=review)
    response = client_for(people["coordinator"]).get(f"/admin/cycle/cyclereview/{review.pk}/change/")
    assert response.status_code == 200
    assert b"deadlines-TOTAL_FORMS" in response.content and b"follow_ups-TOTAL_FORMS" in response.content


def test_admin_upload_checks_then_imports(people, client_for):
    MechanismFactory(code="CMW")
    client = client_for(people["coordinator"])
    data = b"entry,state,mechanism,date,publication\nreview,KG,CMW,2023-11-30,public\n"
    response = client.post(
        "/admin/cycle/cyclereview/upload/", {"file": SimpleUploadedFile("c.csv", data), "dry_run": "on"}
    )
    assert response.status_code == 200 and not CycleReview.objects.exists()
    response = client.post("/admin/cycle/cyclereview/upload/", {"file": SimpleUploadedFile("c.csv", data)})
    assert response.status_code == 302 and CycleReview.objects.count() == 1
    bad = b"entry,state,mechanism,date\nreview,KG,CMW,someday\n"
    response = client.post("/admin/cycle/cyclereview/upload/", {"file": SimpleUploadedFile("c.csv", bad)})
    assert b"someday" in response.content
    assert client_for(people["member"]).get("/admin/cycle/cyclereview/upload/").status_code == 302


def _posted_form_data(page):
    """The change form's current values (main form, inline management forms and rows) as a browser posts them."""
    data = {}
    forms = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    for form in forms:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else getattr(value, "pk", value)
    return data


def test_a_date_typed_over_a_computed_one_is_kept(people, client_for):
    review = CycleReviewFactory(ends_on=datetime.date(2023, 12, 8))
    FollowUpRule.objects.create(mechanism=review.mechanism, months=24)
    computed = follow_up_deadline_sync(cycle=review)
    assert computed.is_computed and computed.due_on == datetime.date(2025, 12, 8)
    client = client_for(people["coordinator"])
    data = _posted_form_data(client.get(f"/admin/cycle/cyclereview/{review.pk}/change/"))
    data["deadlines-0-due_on"] = "2025-11-30"
    response = client.post(f"/admin/cycle/cyclereview/{review.pk}/change/", data)
    assert response.status_code == 302, response.context and response.context["errors"]
    deadline = Deadline.objects.get(cycle=review)
    assert deadline.due_on == datetime.date(2025, 11, 30) and not deadline.is_computed
