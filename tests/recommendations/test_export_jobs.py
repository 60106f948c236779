"""Exports above EXPORT_SYNC_MAX_ROWS run as background jobs (the tests' task backend runs them at once)."""

import io

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse

from jobs.models import Job
from tests.recommendations.test_export import data, rows  # noqa: F401 - the fixture is used by name

pytestmark = pytest.mark.usefixtures("data")


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.EXPORT_SYNC_MAX_ROWS = 2


def downloaded(client, job):
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_a_large_export_becomes_a_job_with_a_download(client_for, coordinator, data):  # noqa: F811
    client = client_for(coordinator)
    response = client.get("/en" + reverse("recommendations:export") + "?mechanism=CMW")
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/members/jobs/{job.pk}/"
    assert job.kind == "recommendations.export" and job.owner == coordinator and job.language == "en"
    assert job.state == Job.State.DONE and (job.rows_done, job.rows_total) == (3, 3)
    assert job.label == "Status workbook of 3 recommendations"
    page = client.get(response["Location"]).content.decode()
    assert "3 rows done of 3" in page and f"/en/members/jobs/{job.pk}/download/" in page
    wb = downloaded(client, job)
    ids = {r["ID"] for r in rows(wb["Recommendations"])}
    assert ids == {data["first"].pk, data["second"].pk, data["hidden"].pk}
    assert job.result_name.startswith("recommendations-") and job.result_name.endswith("-cmw.xlsx")
    # Its owner is told, in the language they asked in, with the link to the job.
    (message,) = mail.outbox
    assert message.to == [coordinator.email] and message.subject.startswith("Done:")
    assert f"http://testserver/en/members/jobs/{job.pk}/" in message.body


def test_a_members_job_holds_what_they_may_see(client_for, member, data):  # noqa: F811
    client = client_for(member)
    client.get(reverse("recommendations:export"))
    job = Job.objects.get()
    ids = {r["ID"] for r in rows(downloaded(client, job).worksheets[0])}
    assert data["hidden"].pk in ids and len(ids) == 4


@pytest.mark.parametrize("change", ["removed", "made_member"])
def test_a_result_made_for_a_role_goes_when_the_role_does(client_for, member, coordinator, media_root, change):
    """A workbook holding members-only rows (or drafts) is not left to someone who may no longer see them."""
    from partners.models import Membership
    from partners.services import membership_remove, membership_set

    person = member if change == "removed" else coordinator
    client = client_for(person)
    client.get(reverse("recommendations:export"))
    job = Job.objects.get()
    path = media_root / job.result_file.name
    assert path.exists()
    membership = Membership.objects.get(user=person)
    if change == "removed":
        membership_remove(membership=membership)
    else:
        membership_set(user=person, organisation=membership.organisation, role=Membership.Role.MEMBER)
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert not path.exists()


def test_one_export_at_a_time_per_person(client_for, member):
    """Anyone logged in may export; queueing exports by the dozen must not hold the worker for everyone."""
    from recommendations.transfer_views import STILL_RUNNING
    from tests.jobs.factories import JobFactory

    waiting = JobFactory(owner=member, kind="recommendations.export", state=Job.State.WAITING)
    response = client_for(member).get(reverse("recommendations:export"), follow=True)
    assert response.redirect_chain[-1][0] == waiting.get_absolute_url()
    assert str(STILL_RUNNING) in response.content.decode()
    assert Job.objects.count() == 1


def test_a_small_export_stays_immediate(client_for, coordinator, settings):
    settings.EXPORT_SYNC_MAX_ROWS = 5000
    response = client_for(coordinator).get(reverse("recommendations:export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert not Job.objects.exists()


def test_the_public_is_asked_to_narrow_a_large_export(client):
    response = client.get("/en" + reverse("recommendations:export"))
    assert response.status_code == 200
    assert "too large to download at once" in response.content.decode()
    assert not Job.objects.exists()


def test_the_admin_action_exports_a_large_selection_as_a_job(client_for, coordinator, data):  # noqa: F811
    client = client_for(coordinator)
    selected = [data["first"].pk, data["hidden"].pk, data["other"].pk]
    response = client.post(
        reverse("admin:recommendations_recommendation_changelist"),
        {"action": "export_status_workbook", "_selected_action": selected},
    )
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    ids = sorted(r["ID"] for r in rows(downloaded(client, job).worksheets[0]))
    assert ids == sorted(selected)


def test_another_member_cannot_fetch_the_result(client_for, coordinator, other_member):
    client_for(coordinator).get(reverse("recommendations:export"))
    job = Job.objects.get()
    assert client_for(other_member).get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert client_for(None).get(reverse("jobs:download", args=[job.pk])).status_code == 302
