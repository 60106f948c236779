"""The job page follows its job while you watch: htmx (served from this site) polls the progress block within
the content security policy, and the page reloads itself with the download once the job is done."""

import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from jobs.models import Job
from partners.models import Membership
from partners.services import membership_set
from tests.partners.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "a-password-for-the-job-page"


def test_progress_updates_then_the_result_appears(live_server, page, console_errors, screenshot, login):
    owner = UserFactory(username="job_owner", password=PASSWORD)
    membership_set(user=owner, organisation=OrganisationFactory(), role=Membership.Role.MEMBER)
    job = Job.objects.create(
        owner=owner,
        kind="tests.sample",
        label="Status workbook of 20000 recommendations",
        language="en",
        state=Job.State.RUNNING,
        started_at=timezone.now(),
        rows_done=1000,
        rows_total=20000,
    )
    login(page, "job_owner", PASSWORD)
    page.goto(live_server.url + f"/en/members/jobs/{job.pk}/")
    expect(page.locator("#job-progress-text")).to_have_text(re.compile(r"1,?000 rows done of 20,?000"))
    screenshot(page, "job-page-01-running")

    Job.objects.filter(pk=job.pk).update(rows_done=15000)
    expect(page.locator("#job-progress-text")).to_have_text(re.compile(r"15,?000 rows done of 20,?000"), timeout=8000)

    job.result_file.save("export.xlsx", ContentFile(b"PK"), save=False)
    Job.objects.filter(pk=job.pk).update(
        state=Job.State.DONE,
        rows_done=20000,
        finished_at=timezone.now(),
        result_file=job.result_file.name,
        result_name="export.xlsx",
    )
    expect(page.get_by_role("link", name="Download export.xlsx")).to_be_visible(timeout=8000)
    screenshot(page, "job-page-02-done")
    assert console_errors == []
