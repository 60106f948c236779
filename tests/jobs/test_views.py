"""The job pages: who may see which job, the progress block htmx polls, and the result download."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from jobs.models import Job
from tests.jobs.factories import DoneJobFactory, JobFactory

PEOPLE = ["anonymous", "other_member", "member", "coordinator"]


@pytest.fixture
def member_job(member):
    job = DoneJobFactory(owner=member, label="Status workbook of 20 recommendations", result_name="export.xlsx")
    job.result_file.save("export.xlsx", ContentFile(b"PK-the-workbook"), save=True)
    return job


@pytest.mark.parametrize(
    ("person", "status"), [("anonymous", 302), ("other_member", 404), ("member", 200), ("coordinator", 200)]
)
@pytest.mark.parametrize("name", ["jobs:detail", "jobs:status", "jobs:download"])
def test_who_may_see_a_job(client_for, people, member_job, person, status, name):
    response = client_for(people[person]).get(reverse(name, args=[member_job.pk]))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("login"))
    if status == 200 and name == "jobs:download":
        assert b"".join(response.streaming_content) == b"PK-the-workbook"
        assert 'filename="export.xlsx"' in response["Content-Disposition"]
        assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize(("person", "status"), [("anonymous", 302), ("other_member", 200), ("member", 200)])
def test_list_needs_a_login(client_for, people, member_job, person, status):
    assert client_for(people[person]).get(reverse("jobs:list")).status_code == status


def test_members_see_their_own_jobs_and_coordinators_all(client_for, people, member_job, other_member, coordinator):
    JobFactory(owner=other_member, label="The other member's export")
    page = client_for(people["member"]).get(reverse("jobs:list")).content.decode()
    assert member_job.label in page and "The other member&#x27;s export" not in page
    page = client_for(people["other_member"]).get(reverse("jobs:list")).content.decode()
    assert member_job.label not in page and "The other member&#x27;s export" in page
    page = client_for(coordinator).get(reverse("jobs:list")).content.decode()
    assert member_job.label in page and "The other member&#x27;s export" in page


def test_list_queries_do_not_grow_with_jobs(client_for, coordinator, member, django_assert_max_num_queries):
    client = client_for(coordinator)
    JobFactory.create_batch(3, owner=member)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("jobs:list"))
    JobFactory.create_batch(20, owner=member)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("jobs:list")).status_code == 200


def test_the_header_links_to_my_jobs(client_for, member):
    page = client_for(member).get(reverse("members:home")).content.decode()
    assert f'href="{reverse("jobs:list")}"' in page


def test_a_running_job_shows_rows_done_of_rows_in_all_and_polls(client_for, member):
    job = JobFactory(owner=member, state=Job.State.RUNNING, rows_done=1200, rows_total=20000)
    job.started_at = job.created_at
    job.save()
    client = client_for(member)
    page = client.get("/en" + reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "1200 rows done of 20000" in page.replace("\u00a0", "").replace(",", "")
    assert f'hx-get="/en/members/jobs/{job.pk}/status/"' in page
    # htmx is served from this site, by django-htmx's static files, never from a CDN; no inline script.
    assert "/static/django_htmx/htmx-2.min.js" in page
    assert "<script>" not in page
    partial = client.get(reverse("jobs:status", args=[job.pk]), headers={"HX-Request": "true"})
    assert partial.status_code == 200 and 'id="job-status"' in partial.content.decode()
    assert "<html" not in partial.content.decode()


def test_polling_reloads_the_page_once_the_job_ends(client_for, member_job):
    client = client_for(member_job.owner)
    response = client.get(reverse("jobs:status", args=[member_job.pk]), headers={"HX-Request": "true"})
    assert response["HX-Refresh"] == "true"
    page = client.get(reverse("jobs:detail", args=[member_job.pk])).content.decode()
    assert "hx-get" not in page and "htmx" not in page
    assert reverse("jobs:download", args=[member_job.pk]) in page


def test_failed_job_says_why_and_time_taken(client_for, member):
    job = DoneJobFactory(owner=member, state=Job.State.FAILED, error="The file is empty.")
    page = client_for(member).get("/en" + reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "The job failed." in page and "The file is empty." in page
    assert "1 min 15 s" in page


def test_russian_page(client_for, member_job):
    page = client_for(member_job.owner).get(reverse("jobs:detail", args=[member_job.pk])).content.decode()
    assert "Готово" in page and "Мои задания" in page


def test_a_job_without_a_result_has_no_download(client_for, member):
    job = JobFactory(owner=member)
    assert client_for(member).get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_detail_page_queries(client_for, member_job, django_assert_max_num_queries):
    client = client_for(member_job.owner)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("jobs:detail", args=[member_job.pk])).status_code == 200
