"""load_demo: the platform's real content, the three demo accounts, idempotence and the DEBUG guard."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from advocacy.models import Event
from partners.access import COORDINATORS_GROUP, MEMBERS_GROUP, Workflow
from partners.models import Membership, Organisation, Partnership
from recommendations.models import Recommendation, Review, Status, StatusAssessment
from reports.models import Report

PASSWORD = "demo password for the tests"

pytestmark = pytest.mark.django_db


def load(**options):
    call_command("load_demo", password=PASSWORD, force=True, **options)


def row_counts():
    """Rows in every table of the project's apps (histories and through tables included)."""
    counts = {}
    for label in ("partners", "recommendations", "reports", "cycle", "advocacy", "auth"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            counts[model._meta.db_table] = model._default_manager.count()
    return counts


def test_organisations_and_partnerships():
    load()
    bir_duino = Organisation.objects.get(slug="bir-duino-kyrgyzstan")
    assert bir_duino.is_platform_member
    assert bir_duino.name_en == 'Human Rights Movement "Bir Duino Kyrgyzstan"'
    assert "Бир Дуйно" in bir_duino.name_ru
    for slug in ("mehr-shavkat", "fidh", "adc-memorial", "caritas-france", "akipress", "un-cmw", "osce-odihr"):
        assert Organisation.objects.filter(slug=slug).exists(), slug
    state_bodies = Organisation.objects.state_bodies()
    assert state_bodies.filter(slug="kg-jogorku-kenesh").exists()
    assert state_bodies.filter(slug="kg-state-migration-service").exists()
    assert state_bodies.count() >= 8
    assert Partnership.objects.filter(organisation=bir_duino, partner__slug="caritas-france").exists()
    assert Partnership.objects.filter(
        organisation__slug="fidh", partner__slug="adc-memorial", kind=Partnership.Kind.JOINT_RESEARCH
    ).exists()


def test_reviews_and_recommendations():
    load()
    cescr = Review.objects.get(document_symbol="E/C.12/KGZ/CO/2-3")
    assert (cescr.mechanism.code, cescr.state.code, cescr.year) == ("CESCR", "KG", 2015)
    cmw = Review.objects.get(mechanism__code="CMW", state="KG", year=2015)
    # Only a pattern, never seen in a source: the symbol stays blank.
    assert cmw.document_symbol == ""
    assert Review.objects.filter(document_symbol="A/HRC/29/4", mechanism__code="UPR").exists()
    assert cmw.recommendations.count() == 10
    assert cescr.recommendations.count() == 5
    assert not Recommendation.objects.exclude(paragraph="").exists()
    rec = cescr.recommendations.get(text_en__contains="foreign agents")
    assert rec.text_ru and rec.themes.exists() and rec.addressed_bodies.filter(slug="kg-jogorku-kenesh").exists()


def test_platform_asks_are_reflected_in_un_recommendations_and_proposed_by_their_report():
    load()
    asks = Recommendation.objects.asks()
    assert asks.count() >= 6
    assert all(ask.reflected_in.exists() for ask in asks)
    report = Report.objects.get(slug="women-and-children-from-kyrgyzstan-affected-by-migration")
    assert set(report.proposed_recommendations.values_list("pk", flat=True)) <= set(asks.values_list("pk", flat=True))
    assert report.proposed_recommendations.count() >= 5
    consular = Recommendation.objects.get(review__mechanism__code="CMW", text_en__contains="consular")
    assert consular.reflects.filter(pk__in=asks).exists()


def test_reports_with_links_method_countries_and_authors():
    load()
    published = Report.objects.published()
    assert published.count() >= 6
    links = set(published.values_list("external_url", flat=True))
    assert "https://www.fidh.org/IMG/pdf/rapport_kyrgyzstan_ru-web.pdf" in links
    assert "https://www.fidh.org/IMG/pdf/note_kazakhstan_681r_6_sept_2016_ru_web.pdf" in links
    assert any("INT_CMW_NGO_KGZ_19875" in link for link in links)
    women = published.get(slug="women-and-children-from-kyrgyzstan-affected-by-migration")
    assert "34" in women.method_ru and "34" in women.method_en
    assert {c.code for c in women.countries} == {"KG", "KZ", "RU"}
    roles = dict(women.authorships.values_list("organisation__slug", "role"))
    assert roles["fidh"] == "lead" and roles["mehr-shavkat"] == "contributor"
    draft = Report.objects.get(status=Workflow.DRAFT)
    assert draft.authorships.filter(organisation__slug="bir-duino-kyrgyzstan").exists()


def test_assessments_set_the_status_from_the_latest_confirmed_one():
    load()
    consular = Recommendation.objects.get(review__mechanism__code="CMW", text_en__contains="consular")
    assert consular.assessments.confirmed().count() == 2
    assert consular.status == Status.IN_PROGRESS
    assert consular.status_date == datetime.date(2017, 10, 3)
    proposal = StatusAssessment.objects.proposed().get()
    assert proposal.proposed_by.username == "member"
    assert proposal.recommendation.status == Status.NOT_ASSESSED


def test_events_with_real_dates_places_and_links():
    load()
    side_event = Event.objects.get(starts_on=datetime.date(2016, 9, 28))
    assert side_event.kind == Event.Kind.SIDE_EVENT and side_event.country.code == "PL"
    assert set(side_event.organisers.values_list("slug", flat=True)) == {"fidh", "bir-duino-kyrgyzstan", "adc-memorial"}
    assert side_event.reports_presented.exists() and side_event.recommendations_promoted.exists()
    assert side_event.links.exists()
    assert Event.objects.filter(kind=Event.Kind.STATEMENT, starts_on__in=["2017-09-18", "2017-09-20"]).count() == 2
    press = Event.objects.get(kind=Event.Kind.PRESS_CONFERENCE, starts_on=datetime.date(2017, 10, 3))
    assert press.participations.filter(organisation__slug="akipress").exists()
    mission = Event.objects.get(kind=Event.Kind.FACT_FINDING, starts_on=datetime.date(2017, 9, 4))
    assert mission.ends_on == datetime.date(2017, 9, 9) and mission.country.code == "KZ"
    assert Event.objects.filter(kind=Event.Kind.FACT_FINDING, starts_on="2017-09-11", ends_on="2017-09-15").exists()
    assert Event.objects.filter(kind=Event.Kind.EXPERT_MEETING, starts_on="2017-10-04").exists()
    letters = Event.objects.get(kind=Event.Kind.LETTER)
    assert letters.addressed_bodies.filter(slug="kg-jogorku-kenesh").exists()
    assert Event.objects.filter(visibility=Event.Visibility.MEMBERS).count() == 1
    assert Event.objects.public().count() == Event.objects.count() - 1


def test_three_demo_users_with_groups_and_memberships(client):
    load()
    User = get_user_model()
    coordinator = User.objects.get(username="coordinator")
    assert coordinator.is_staff and coordinator.groups.filter(name=COORDINATORS_GROUP).exists()
    assert Membership.objects.get(user=coordinator).role == Membership.Role.COORDINATOR
    member = User.objects.get(username="member")
    assert member.groups.filter(name=MEMBERS_GROUP).exists() and not member.is_staff
    assert member.memberships.get().organisation.slug == "bir-duino-kyrgyzstan"
    other = User.objects.get(username="other_member")
    assert other.memberships.get().organisation.slug == "mehr-shavkat"
    assert all(user.check_password(PASSWORD) for user in (coordinator, member, other))


def test_running_twice_changes_nothing():
    load()
    before = row_counts()
    updated_at = dict(Report.objects.values_list("slug", "updated_at"))
    load()
    assert row_counts() == before
    assert dict(Report.objects.values_list("slug", "updated_at")) == updated_at


def test_generated_password_is_printed_and_kept_on_a_second_run(capsys, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    call_command("load_demo", force=True)
    out = capsys.readouterr().out
    password = out.rsplit("password: ", 1)[1].strip()
    member = get_user_model().objects.get(username="member")
    assert member.check_password(password)
    call_command("load_demo", force=True)
    member.refresh_from_db()
    assert member.check_password(password)


def test_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "from the environment 42")
    call_command("load_demo", force=True)
    assert get_user_model().objects.get(username="other_member").check_password("from the environment 42")


def test_refuses_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo", password=PASSWORD)
    assert not Organisation.objects.exists()
    call_command("load_demo", password=PASSWORD, force=True)
    assert Organisation.objects.filter(slug="bir-duino-kyrgyzstan").exists()


def test_runs_with_debug_on_without_force(settings):
    settings.DEBUG = True
    call_command("load_demo", password=PASSWORD)
    assert Report.objects.exists()
