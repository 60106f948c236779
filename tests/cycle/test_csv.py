"""/calendar/export.csv: the calendar page's entries with its filters, for each person, as the other lists' CSV."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from cycle.models import Deadline, Publication
from recommendations.models import Mechanism
from tests.recommendations.factories import MechanismFactory

from .factories import CycleReviewFactory, DeadlineFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SOON = TODAY + datetime.timedelta(days=20)
LATER = TODAY + datetime.timedelta(days=40)


@pytest.fixture
def entries():
    cmw = MechanismFactory(code="CMW", name="Committee on Migrant Workers")
    cescr = MechanismFactory(code="CESCR", name="CESCR")
    draft_review = CycleReviewFactory(mechanism=cmw, review_on=SOON, session="Draft session", publication="draft")
    return {
        "public_review": CycleReviewFactory(
            mechanism=cmw, review_on=LATER, session="Public session", document_symbol="CMW/C/KGZ/CO/2"
        ),
        "members_review": CycleReviewFactory(
            mechanism=cmw, review_on=SOON, session="Members session", publication=Publication.MEMBERS
        ),
        "public_deadline": DeadlineFactory(mechanism=cmw, title="+Public NGO deadline", due_on=SOON),
        "kz_deadline": DeadlineFactory(
            mechanism=cescr, state="KZ", title="", kind=Deadline.Kind.STATE_REPORT, due_on=SOON, is_computed=True
        ),
        "members_deadline": DeadlineFactory(
            mechanism=cmw, title="Members deadline", due_on=SOON, publication=Publication.MEMBERS
        ),
        "draft_deadline": DeadlineFactory(mechanism=cmw, title="Draft deadline", due_on=SOON, publication="draft"),
        "deadline_of_draft_review": DeadlineFactory(
            mechanism=cmw, cycle=draft_review, title="Deadline of a draft review", due_on=SOON
        ),
        "past_deadline": DeadlineFactory(
            mechanism=cmw, title="Past deadline", due_on=TODAY - datetime.timedelta(days=400)
        ),
    }


PUBLIC = {"Public session", "+Public NGO deadline", "State report due"}
MEMBERS = PUBLIC | {"Members session", "Members deadline"}
SEEN = {
    "anonymous": PUBLIC,
    "other_member": MEMBERS,
    "member": MEMBERS,
    "coordinator": MEMBERS | {"Draft session", "Draft deadline", "Deadline of a draft review"},
}


def _rows(response):
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="calendar-')
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    header, *rows = csv.reader(io.StringIO(text[1:]))
    return [dict(zip(header, row, strict=True)) for row in rows]


def _names(rows):
    # A review's row is titled "<mechanism> reviews <state>"; its session tells the entries apart.
    return {row["Session"] or row["Title"].removeprefix("'") for row in rows}


@pytest.mark.parametrize("person", ["anonymous", "other_member", "member", "coordinator"])
def test_each_person_gets_the_entries_the_calendar_shows_them(client_for, people, entries, person):
    rows = _rows(client_for(people[person]).get("/en/calendar/export.csv"))
    assert _names(rows) == SEEN[person]


def test_the_csv_escapes_formulas_and_names_sources_and_computed_dates(client, entries):
    rows = _rows(client.get("/en/calendar/export.csv"))
    by_id = {(row["Type"], row["ID"]): row for row in rows}
    deadline = by_id[("Deadline", str(entries["public_deadline"].pk))]
    assert deadline["Title"] == "'+Public NGO deadline"
    assert (deadline["Source link"], deadline["Checked on"]) == ("https://example.org/deadline", "2026-11-01")
    assert deadline["Page"] == f"http://testserver/en/calendar/#deadline-{entries['public_deadline'].pk}"
    computed = by_id[("Deadline", str(entries["kz_deadline"].pk))]
    assert (computed["Computed by rule"], computed["State"], computed["Mechanism"]) == ("true", "Kazakhstan", "CESCR")
    review = by_id[("Review", str(entries["public_review"].pk))]
    assert review["Title"] == "CMW reviews Kyrgyzstan"
    assert review["Document symbol"] == "CMW/C/KGZ/CO/2"
    assert review["Page"] == f"http://testserver/en/calendar/reviews/{entries['public_review'].pk}/"
    # In date order, as the page lists them: the review (in 40 days) after the deadlines (in 20).
    assert [row["Type"] for row in rows] == ["Deadline", "Deadline", "Review"]


def test_the_csv_takes_the_page_filters(client, entries):
    assert _names(_rows(client.get("/en/calendar/export.csv?state=KZ"))) == {"State report due"}
    assert _names(_rows(client.get("/en/calendar/export.csv?mechanism=CMW"))) == {
        "Public session",
        "+Public NGO deadline",
    }
    assert _names(_rows(client.get("/en/calendar/export.csv?when=past"))) == {"Past deadline"}


def test_the_calendar_page_links_to_its_csv_with_the_filters(client, entries):
    html = client.get("/calendar/?state=KG&when=past").content.decode()
    assert 'href="/calendar/export.csv?state=KG&amp;when=past"' in html


def test_csv_queries_do_not_grow_with_the_entries(client, entries, django_assert_max_num_queries):
    mechanism = entries["public_review"].mechanism

    def count():
        with django_assert_max_num_queries(8) as captured:
            rows = _rows(client.get("/calendar/export.csv"))
        return len(captured), len(rows)

    before = count()
    Deadline.objects.bulk_create(
        [
            Deadline(mechanism=mechanism, state="KG", kind="internal", due_on=SOON, publication="public")
            for _ in range(150)
        ]
    )
    after = count()
    assert after[1] == before[1] + 150
    assert after[0] == before[0]


def test_the_platforms_own_deadlines_name_it_in_the_language_of_the_file(client, entries):
    platform = MechanismFactory(
        code="PLATFORM", name_ru="Платформа", name_en="The platform", kind=Mechanism.Kind.PLATFORM
    )
    DeadlineFactory(mechanism=platform, kind=Deadline.Kind.INTERNAL, title="Internal", due_on=SOON)
    for path, name in (("/en/calendar/export.csv", "The platform"), ("/calendar/export.csv", "Платформа")):
        text = b"".join(client.get(path).streaming_content).decode()
        assert f",{name}," in text, path
