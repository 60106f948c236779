"""Kyrgyz, the third interface language (issue 13): every public page type under /ky/, the switcher and
hreflang, feeds, the API's ?lang=, job e-mails and digests in the recipient's language, and no English or
Russian interface string left in the navigation, headings and forms of the Kyrgyz pages."""

import datetime
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import formats, translation
from django.utils.timesince import timesince
from icalendar import Calendar

from advocacy.models import Event
from cycle.models import CycleReview, Publication
from jobs.models import Job
from partners.models import Organisation
from platform_site.models import ReminderPreference
from recommendations.models import Recommendation
from reports.models import Report
from tests.cycle.factories import DeadlineFactory
from tests.platform_site.test_i18n import parse_po
from tests.recommendations.factories import MechanismFactory, RecommendationFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db

LANGUAGES = {"ru": "", "en": "/en", "ky": "/ky"}


@pytest.fixture
def demo_pages():
    """The demo content and one page of each public type, as paths without the language prefix, each with
    whether its main heading is content (a record's title) rather than interface."""
    call_command("load_demo", password="demo password for the tests", force=True, verbosity=0)
    with translation.override("ru"):
        report = Report.objects.published().order_by("pk").first()
        recommendation = Recommendation.objects.public().order_by("pk").first()
        event = Event.objects.filter(visibility=Event.Visibility.PUBLIC, status="published").order_by("pk").first()
        organisation = Organisation.objects.filter(is_public=True).order_by("pk").first()
        review = CycleReview.objects.filter(publication=Publication.PUBLIC).order_by("pk").first()
        details = [
            report.get_absolute_url(),
            recommendation.get_absolute_url(),
            event.get_absolute_url(),
            organisation.get_absolute_url(),
            f"/calendar/reviews/{review.pk}/",
        ]
    lists = ["/", "/reports/", "/recommendations/", "/recommendations/?mechanism=CMW&state=KG", "/advocacy/"]
    lists += [
        "/partners/",
        "/search/?q=мигрант",
        "/calendar/",
        "/api/",
        "/accounts/login/",
        "/accounts/password_reset/",
    ]
    return [(path, False) for path in lists] + [(path, True) for path in details]


def test_every_public_page_type_answers_in_kyrgyz(client, demo_pages):
    for path, _content_heading in demo_pages:
        response = client.get(f"/ky{path}")
        assert response.status_code == 200, path
        html = response.content.decode()
        assert '<html lang="ky"' in html, path
        # The switcher names each language in its own name and marks Kyrgyz as the current one.
        assert re.search(r'aria-current="true" lang="ky">Кыргызча<', html), path
        assert 'lang="ru" class="link-button">Русский<' in html and 'lang="en" class="link-button">English<' in html
        for code, prefix in LANGUAGES.items():
            alternate = f'hreflang="{code}" href="http://testserver{prefix}{path.split("?")[0]}'
            assert alternate in html, (path, code)
    missing = client.get("/ky/no-such-page/")
    assert missing.status_code == 404 and '<html lang="ky"' in missing.content.decode()


def test_the_switcher_goes_to_kyrgyz_and_back(client):
    report = ReportFactory(slug="kyrgyz-report")
    path = report.get_absolute_url()
    response = client.post("/i18n/setlang/", {"language": "ky", "next": f"/ky{path}"})
    assert response["Location"] == f"/ky{path}"
    assert '<html lang="ky"' in client.get(response["Location"]).content.decode()
    response = client.post("/i18n/setlang/", {"language": "ru", "next": path})
    assert response["Location"] == path
    assert '<html lang="ru"' in client.get(path).content.decode()


def test_feeds_and_calendars_in_kyrgyz(client):
    ReportFactory(title_ru="Доклад о мигрантах", title_en="A report on migrants")
    DeadlineFactory(title="Deadline of the NGOs", due_on=datetime.date.today() + datetime.timedelta(days=10))
    feed = client.get("/ky/feeds/reports/")
    assert feed.status_code == 200
    assert 'xml:lang="ky"' in feed.content.decode()
    assert "http://testserver/ky/reports/" in feed.content.decode()
    # No Kyrgyz content yet: the Russian text, as the pages show it.
    assert "Доклад о мигрантах" in feed.content.decode()
    assert client.get("/ky/feeds/events/").status_code == 200
    for url in ("/ky/feeds/events.ics", "/ky/calendar.ics"):
        response = client.get(url)
        assert response.status_code == 200, url
        Calendar.from_ical(response.content)
    assert "/ky/calendar/" in client.get("/ky/calendar.ics").content.decode()


def test_the_api_takes_lang_ky(client):
    recommendation = RecommendationFactory(text_ru="Обеспечить доступ", text_en="Ensure access")
    answer = client.get(f"/api/v1/recommendations/{recommendation.pk}/?lang=ky")
    assert answer.status_code == 200
    assert answer.json()["text"] == "Обеспечить доступ"  # Russian until the content is written in Kyrgyz
    assert client.get("/api/v1/recommendations/?lang=ky&format=csv").status_code == 200


def test_a_job_asked_for_in_kyrgyz_is_told_in_kyrgyz(client_for, coordinator, settings):
    settings.EXPORT_SYNC_MAX_ROWS = 0
    RecommendationFactory.create_batch(2)
    client = client_for(coordinator)
    response = client.get("/ky/recommendations/export.xlsx")
    job = Job.objects.get()
    assert job.language == "ky" and job.state == Job.State.DONE
    assert response["Location"] == f"/ky/members/jobs/{job.pk}/"
    assert f"/ky/members/jobs/{job.pk}/" in mail.outbox[0].body
    download = client.get(f"/ky/members/jobs/{job.pk}/download/")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert workbook.active.max_row >= 3


def test_reminders_saved_in_kyrgyz_send_kyrgyz_digests(client_for, member):
    member.email = "member@example.org"
    member.save()
    cmw = MechanismFactory(code="CMW")
    DeadlineFactory(mechanism=cmw, title="KG NGO deadline", due_on=datetime.date(2026, 12, 10))
    client = client_for(member)
    response = client.post(
        "/ky/members/reminders/", {"states": ["KG"], "mechanisms": [cmw.pk], "frequency": "daily", "language": "ky"}
    )
    assert response.status_code == 302
    assert ReminderPreference.objects.get(user=member).language == "ky"
    page = client.get("/ky/members/reminders/").content.decode()
    assert re.search(r'name="language" value="ky"[^>]* checked', page)
    call_command("send_digests", date="2026-11-30")
    (message,) = mail.outbox
    assert f"{settings.PORTAL_BASE_URL}/ky/" in message.body


# --- No English or Russian interface string left on the Kyrgyz pages ---------------------------------------

LOCALE = Path(settings.LOCALE_PATHS[0])
# Interface text the Kyrgyz pages may share with English or Russian: names of things, acronyms.
SAME_IN_KYRGYZ = {"API", "CSV", "ID", "PDF", "URL", "Excel", "iCalendar", "Atom", "XML", "UHRI", "OpenAPI", "SDG"}


class InterfaceText(HTMLParser):
    """Text of the site header and footer, headings, labels, legends, buttons and table headings.

    Headings of detail pages (h1) carry content, not interface; elements marked with another language
    (the switcher's "Русский", "English") are skipped."""

    INTERFACE = {"header", "footer", "nav", "label", "legend", "button", "th", "h2", "h3", "summary", "caption"}

    def __init__(self, *, with_h1):
        super().__init__()
        self.stack, self.texts = [], []
        self.interface = self.INTERFACE | ({"h1"} if with_h1 else set())

    def handle_starttag(self, tag, attrs):
        if tag in ("input", "br", "img", "meta", "link", "hr", "source", "wbr"):
            return
        lang = dict(attrs).get("lang")
        self.stack.append((tag, lang not in (None, "ky")))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        tags = {tag for tag, _other in self.stack}
        if text and tags & self.interface and not any(other for _tag, other in self.stack):
            self.texts.append(text)


def interface_strings(language):
    """English source strings and their Russian translations from the project's catalogue."""
    _header, entries = parse_po(LOCALE / "ru" / "LC_MESSAGES" / "django.po")
    english = {" ".join(e["msgid"].split()) for e in entries if "%" not in e["msgid"] and "{" not in e["msgid"]}
    russian = {" ".join(s.split()) for e in entries for s in e["msgstr"].values() if "%" not in s}
    return english if language == "en" else russian


def test_no_english_or_russian_interface_string_is_left(client, demo_pages):
    """Needs the Kyrgyz catalogue complete and compiled (locale/ky/LC_MESSAGES/django.mo)."""
    english, russian = interface_strings("en"), interface_strings("ru")
    _header, kyrgyz_entries = parse_po(LOCALE / "ky" / "LC_MESSAGES" / "django.po")
    kyrgyz = {" ".join(s.split()) for e in kyrgyz_entries for s in e["msgstr"].values()} | SAME_IN_KYRGYZ
    recommendation = Recommendation.objects.public().order_by("pk").first()
    members_pages = ["/members/", "/advocacy/new/", f"/recommendations/{recommendation.pk}/assess/"]
    members_pages += ["/members/reminders/", "/members/jobs/", "/members/tokens/", "/accounts/password_change/"]
    left = []
    for path, content_heading in demo_pages + [(path, False) for path in members_pages]:
        if path == members_pages[0]:
            client.force_login(get_user_model().objects.get(username="member"))
        response = client.get(f"/ky{path}")
        assert response.status_code == 200, path
        parser = InterfaceText(with_h1=not content_heading)
        parser.feed(response.content.decode())
        left += [(path, text) for text in parser.texts if text not in kyrgyz and (text in english or text in russian)]
    assert left == [], sorted({text for _path, text in left})


def test_kyrgyz_dates_as_cldr_writes_them():
    """Year first, the month in lower case inside a date (needs the catalogue's "alt. month" entries), the
    parts of a time span apart."""
    day = datetime.date(2016, 9, 6)
    with translation.override("ky"):
        assert formats.date_format(day, "DATE_FORMAT") == "2016-ж., 6-сентябрь"
        assert formats.date_format(day, "YEAR_MONTH_FORMAT") == "2016-ж., сентябрь"
        assert (
            timesince(day, day + datetime.timedelta(days=40)) == "1\xa0ай, 1\xa0апта"
        )  # Django keeps a number and its unit together
    with translation.override("ru"):
        assert formats.date_format(day, "DATE_FORMAT") == "6 сентября 2016 г."


@pytest.mark.django_db
def test_a_wrong_password_is_told_in_plain_kyrgyz(client):
    """Django's own Kyrgyz log-in error is garbled ("СезГичТүү"); the portal's catalogue says it plainly."""
    body = client.post("/ky/accounts/login/", {"username": "nobody", "password": "wrong"}).content.decode()
    assert "сырсөз киргизиңиз" in body and "СезГичТүү" not in body


def test_a_members_refusal_says_what_is_for_coordinators(client_for, member):
    response = client_for(member).get("/ky/translations/")
    assert response.status_code == 403
    assert "координаторлордун иши" in response.content.decode()
