"""The soak test's traffic (locust), run by tests/bench/test_soak.py in a process of its own.

Three kinds of people, in proportion 12 : 4 : 1:

- a visitor (anonymous): home, the recommendations list (pages and a filter), dossiers, reports, search;
- a member (logged in): the members' area, dossiers, and records an advocacy action through the form;
- a coordinator: exports the whole list to Excel, then waits. Above EXPORT_SYNC_MAX_ROWS the export is a
  background job: the response redirects to the job's page (/members/jobs/<id>/), which the coordinator
  polls until it shows the download link, then downloads the workbook. Below it (or before the jobs
  feature), the response is the workbook itself. Either way the file must be an .xlsx (a zip).

Everything the scenario needs comes from the environment the test sets: SOAK_PASSWORD, SOAK_MEMBER,
SOAK_COORDINATOR, SOAK_MAX_PK (dossiers are picked among 1..max), SOAK_PAGES, SOAK_EVENT_KIND,
SOAK_JOB_TIMEOUT (seconds to wait for a job), SOAK_EXPORT_QUERY (the list's filters for the export, e.g.
``state=KZ`` to export about 50,000 of 200,000 rows; default none: everything the coordinator sees).
"""

import os
import random
import re
import time

from locust import HttpUser, between, task

PASSWORD = os.environ.get("SOAK_PASSWORD", "")
MEMBER = os.environ.get("SOAK_MEMBER", "soak_member")
COORDINATOR = os.environ.get("SOAK_COORDINATOR", "soak_coordinator")
MAX_PK = int(os.environ.get("SOAK_MAX_PK", "1000"))
PAGES = int(os.environ.get("SOAK_PAGES", "50"))
EVENT_KIND = os.environ.get("SOAK_EVENT_KIND", "side_event")
JOB_TIMEOUT = float(os.environ.get("SOAK_JOB_TIMEOUT", "600"))
EXPORT_QUERY = os.environ.get("SOAK_EXPORT_QUERY", "")
WORDS = ("migrant", "children", "labour", "social", "registration", "discrimination")

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
JOB_PAGE = re.compile(r"/members/jobs/(\d+)/?$")
# The job's result: a link below the job's own page (…/members/jobs/<id>/download/ or the like).
DOWNLOAD_LINK = re.compile(r'href="([^"]*/members/jobs/\d+/[^"#?]+)"')
JOB_FAILED = re.compile(r"badge--job-failed")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def log_in(user: HttpUser, username: str):
    page = user.client.get("/en/accounts/login/", name="log-in form")
    token = CSRF_TOKEN.search(page.text)
    with user.client.post(
        "/en/accounts/login/",
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1) if token else ""},
        name="log in",
        allow_redirects=False,
        catch_response=True,
    ) as response:
        if response.status_code != 302:
            response.failure(f"log-in of {username} answered {response.status_code}")


def dossier_url():
    return f"/recommendations/{random.randint(1, MAX_PK)}/"


class Visitor(HttpUser):
    weight = 12
    wait_time = between(0.5, 2)

    @task(3)
    def home(self):
        self.client.get(random.choice(["/", "/en/"]), name="home")

    @task(3)
    def recommendations(self):
        self.client.get(f"/recommendations/?page={random.randint(1, PAGES)}", name="recommendations list")

    @task(1)
    def filtered(self):
        self.client.get(f"/en/recommendations/?q={random.choice(WORDS)}", name="recommendations text query")

    @task(3)
    def dossier(self):
        # A dossier may be private (generated data has some): a 404 is then the right answer.
        with self.client.get(dossier_url(), name="dossier", catch_response=True) as response:
            if response.status_code == 404:
                response.success()

    @task(1)
    def reports(self):
        self.client.get("/en/reports/", name="reports list")

    @task(1)
    def search(self):
        self.client.get(f"/en/search/?q={random.choice(WORDS)}", name="search")


class Member(HttpUser):
    weight = 4
    wait_time = between(1, 4)

    def on_start(self):
        log_in(self, MEMBER)

    @task(2)
    def members_area(self):
        self.client.get("/en/members/", name="members area")

    @task(3)
    def dossier(self):
        with self.client.get(dossier_url(), name="dossier (member)", catch_response=True) as response:
            if response.status_code == 404:
                response.success()

    @task(1)
    def record_an_action(self):
        form = self.client.get("/en/advocacy/new/", name="new action form")
        csrf, token = CSRF_TOKEN.search(form.text), FORM_TOKEN.search(form.text)
        if not (csrf and token):
            return
        stamp = f"{time.time():.0f}-{random.randint(0, 999999)}"
        data = {
            "csrfmiddlewaretoken": csrf.group(1),
            "form_token": token.group(1),
            "event-kind": EVENT_KIND,
            "event-title_en": f"Soak test meeting {stamp}",
            "event-title_ru": f"Встреча нагрузочного теста {stamp}",
            "event-starts_on": "2016-09-28",
            "event-ends_on": "2016-09-28",
            "event-place": "Bishkek",
            "event-country": "KG",
            "event-forum": "Soak test",
            "event-visibility": "members",
        }
        for prefix in ("links", "attachments"):
            data.update(
                {
                    f"{prefix}-TOTAL_FORMS": "0",
                    f"{prefix}-INITIAL_FORMS": "0",
                    f"{prefix}-MIN_NUM_FORMS": "0",
                    f"{prefix}-MAX_NUM_FORMS": "1000",
                }
            )
        with self.client.post(
            "/en/advocacy/new/", data, name="save action", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"the action was not saved ({response.status_code})")


class Coordinator(HttpUser):
    weight = 1
    wait_time = between(20, 40)

    def on_start(self):
        log_in(self, COORDINATOR)

    @task
    def export_the_list(self):
        with self.client.get(
            "/en/recommendations/export.xlsx" + (f"?{EXPORT_QUERY}" if EXPORT_QUERY else ""),
            name="export",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                if response.content[:2] != b"PK" or not response.headers.get("Content-Type", "").startswith(XLSX):
                    response.failure("the export is not a workbook")
                return
            location = response.headers.get("Location", "")
            if response.status_code not in (301, 302, 303) or not JOB_PAGE.search(location.rstrip("/") + "/"):
                response.failure(f"the export answered {response.status_code} {location}")
                return
        self.wait_for_the_job(location)

    def wait_for_the_job(self, job_url):
        deadline = time.monotonic() + JOB_TIMEOUT
        while time.monotonic() < deadline:
            page = self.client.get(job_url, name="job page")
            link = DOWNLOAD_LINK.search(page.text)
            if link:
                with self.client.get(link.group(1), name="job download", catch_response=True) as download:
                    if download.content[:2] != b"PK":
                        download.failure("the job's download is not a workbook")
                return
            if JOB_FAILED.search(page.text):
                self.environment.events.request.fire(
                    request_type="JOB", name="export job", response_time=0, response_length=0,
                    exception=RuntimeError(f"the export job failed: {job_url}"), context={},
                )  # fmt: skip
                return
            time.sleep(2)
        self.environment.events.request.fire(
            request_type="JOB", name="export job", response_time=JOB_TIMEOUT * 1000, response_length=0,
            exception=TimeoutError(f"the export job did not finish in {JOB_TIMEOUT:.0f} s: {job_url}"), context={},
        )  # fmt: skip
