"""The public recommendations list and dossier, through HTTP: filters, text query, visibility, query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from partners.access import Workflow
from recommendations.models import Mechanism, Recommendation, Status, StatusAssessment
from tests.advocacy.factories import EventFactory
from tests.partners.factories import StateBodyFactory
from tests.recommendations.factories import (
    AffectedGroupFactory,
    AssessmentFactory,
    MechanismFactory,
    RecommendationFactory,
    ReviewFactory,
    ThemeFactory,
)
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/recommendations/"


def page_text(response):
    return response.content.decode()


def link(obj):
    """The object's path without a language prefix: a substring of its link in either language."""
    with translation.override("ru"):
        return obj.get_absolute_url()


@pytest.fixture
def cmw_review():
    return ReviewFactory(
        mechanism=MechanismFactory(code="CMW"),
        state="KG",
        year=2015,
        document_symbol="CMW/C/KGZ/CO/1",
        date=datetime.date(2015, 4, 22),
        url="https://example.org/CMW-C-KGZ-CO-1",
    )


@pytest.fixture
def cescr_review():
    return ReviewFactory(
        mechanism=MechanismFactory(code="CESCR", name="Committee on Economic, Social and Cultural Rights"),
        state="KZ",
        year=2019,
        document_symbol="E/C.12/KAZ/CO/2",
    )


@pytest.fixture
def passport(cmw_review):
    return RecommendationFactory(
        review=cmw_review,
        paragraph="24",
        text_ru="Вернуть паспорта трудящимся-мигрантам, изъятые работодателями.",
        text_en="Return to migrant workers the passports their employers confiscated.",
        status=Status.IN_PROGRESS,
    )


@pytest.fixture
def pension(cescr_review):
    return RecommendationFactory(
        review=cescr_review,
        paragraph="31",
        text_ru="Обеспечить пенсионные права трудящихся-мигрантов.",
        text_en="Secure the pension rights of migrant workers.",
        status=Status.NOT_STARTED,
    )


@pytest.fixture
def hidden(cmw_review):
    return RecommendationFactory(
        review=cmw_review, paragraph="99", text_ru="Скрытая просьба черновика", text_en="Draft ask", is_public=False
    )


class ListTests:
    def test_anonymous_sees_public_recommendations_with_links_and_badges(self, client, passport, pension, hidden):
        response = client.get(LIST_URL)
        assert response.status_code == 200
        html = page_text(response)
        assert link(passport) in html
        assert link(pension) in html
        assert link(hidden) not in html
        assert 'class="badge badge--in_progress"' in html
        assert "2 " in html  # the count: two results

    def test_members_see_the_hidden_ask(self, client_for, member, hidden):
        html = page_text(client_for(member).get(LIST_URL))
        assert link(hidden) in html

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"mechanism": "CMW"}, "passport"),
            ({"mechanism": "CESCR"}, "pension"),
            ({"state": "KZ"}, "pension"),
            ({"year": "2015"}, "passport"),
            ({"status": "not_started"}, "pension"),
            ({"status": "in_progress", "state": "KG"}, "passport"),
        ],
    )
    def test_each_filter_is_a_plain_get_parameter(self, client, passport, pension, params, expected):
        html = page_text(client.get(LIST_URL, params))
        shown = {"passport": passport, "pension": pension}
        for name, rec in shown.items():
            assert (link(rec) in html) == (name == expected), (params, name)

    def test_review_theme_group_and_body_filters(self, client, passport, pension):
        theme = ThemeFactory(key="Labour rights and right to work")
        group = AffectedGroupFactory(key="Migrants")
        body = StateBodyFactory(name="Ministry of Labour")
        passport.themes.add(theme)
        passport.affected_groups.add(group)
        pension.addressed_bodies.add(body)
        for params, rec, other in [
            ({"review": passport.review_id}, passport, pension),
            ({"theme": theme.pk}, passport, pension),
            ({"group": group.pk}, passport, pension),
            ({"body": body.pk}, pension, passport),
        ]:
            html = page_text(client.get(LIST_URL, params))
            assert link(rec) in html, params
            assert link(other) not in html, params

    def test_text_query_in_either_language(self, client, passport, pension):
        html = page_text(client.get(LIST_URL, {"q": "паспорта"}))
        assert link(passport) in html
        assert link(pension) not in html
        html = page_text(client.get("/en" + LIST_URL, {"q": "pension"}))
        assert link(pension) in html
        assert link(passport) not in html

    def test_text_query_never_finds_hidden_recommendations(self, client, hidden):
        html = page_text(client.get(LIST_URL, {"q": "черновика"}))
        assert link(hidden) not in html
        assert "No recommendation matches" in html or "Ни одна" in html or 'class="empty"' in html

    def test_filters_are_bookmarkable_and_kept_in_page_links(self, client, cmw_review):
        RecommendationFactory.create_batch(30, review=cmw_review)
        response = client.get(LIST_URL, {"mechanism": "CMW", "state": "KG"})
        html = page_text(response)
        assert 'method="get"' in html
        assert "mechanism=CMW" in html and "state=KG" in html and "page=2" in html
        second = client.get(LIST_URL, {"mechanism": "CMW", "state": "KG", "page": 2})
        assert second.status_code == 200
        assert len(second.context["object_list"]) == 5

    def test_unknown_filter_values_do_not_break_the_page(self, client, passport):
        response = client.get(LIST_URL, {"mechanism": "NOPE", "year": "abc", "theme": "999999"})
        assert response.status_code == 200

    def test_both_languages(self, client, passport):
        ru = page_text(client.get(LIST_URL))
        en = page_text(client.get("/en" + LIST_URL))
        assert passport.text_ru[:40] in ru
        assert passport.text_en[:40] in en
        assert 'lang="en"' in en

    @pytest.mark.parametrize("rows", [5, 40])
    def test_query_count_does_not_grow_with_rows(self, client, django_assert_max_num_queries, cmw_review, rows):
        theme = ThemeFactory()
        for rec in RecommendationFactory.create_batch(rows, review=cmw_review):
            rec.themes.add(theme)
        # With nothing kept yet (tests/recommendations/test_list_caches.py counts the second visitor's); on
        # PostgreSQL the count also asks the planner's estimate.
        with django_assert_max_num_queries(14):
            response = client.get(LIST_URL, {"mechanism": "CMW", "theme": theme.pk})
        assert response.status_code == 200


class DossierTests:
    @pytest.fixture
    def story(self, passport, member, organisation):
        ask_review = ReviewFactory(
            mechanism=MechanismFactory(code="PLATFORM", name="The platform", kind=Mechanism.Kind.PLATFORM),
            year=2014,
            document_symbol="",
        )
        ask = RecommendationFactory(
            review=ask_review, text_en="Stop passport confiscation", text_ru="Прекратить изъятие"
        )
        ask.reflected_in.add(passport)
        report = ReportFactory(title_ru="Мигранты без документов", title_en="Migrants without papers")
        report.proposed_recommendations.add(passport, ask)
        draft = ReportFactory(title_en="Draft report", title_ru="Черновик доклада", status=Workflow.DRAFT)
        draft.proposed_recommendations.add(passport)
        event = EventFactory(title_en="Side event at HDIM", title_ru="Сайд-ивент на HDIM")
        event.recommendations_promoted.add(passport)
        secret = EventFactory(title_en="Closed briefing", title_ru="Закрытый брифинг", visibility="members")
        secret.recommendations_promoted.add(passport)
        confirmed = AssessmentFactory(
            recommendation=passport,
            state=StatusAssessment.State.CONFIRMED,
            evidence="Decree on passports adopted.",
            assessed_on=datetime.date(2018, 3, 1),
        )
        proposed = AssessmentFactory(
            recommendation=passport, evidence="Unconfirmed rumour", assessed_on=datetime.date(2019, 1, 1)
        )
        return {
            "ask": ask,
            "report": report,
            "draft": draft,
            "event": event,
            "secret": secret,
            "confirmed": confirmed,
            "proposed": proposed,
        }

    def test_dossier_tells_the_story_on_one_timeline(self, client, passport, story):
        response = client.get("/en" + link(passport))
        assert response.status_code == 200
        html = page_text(response)
        assert passport.text_en in html
        assert "CMW/C/KGZ/CO/1" in html and "https://example.org/CMW-C-KGZ-CO-1" in html
        assert link(story["report"]) in html
        assert link(story["ask"]) in html
        assert link(story["event"]) in html
        assert "Decree on passports adopted." in html
        timeline = [entry.date for entry in response.context["timeline"]]
        assert None not in timeline
        assert timeline == sorted(timeline)
        kinds = {str(entry.kind) for entry in response.context["timeline"]}
        assert {"Report", "Platform ask", "Status assessment"} <= kinds

    def test_public_dossier_hides_drafts_members_only_events_and_proposals(self, client, passport, story):
        html = page_text(client.get("/en" + link(passport)))
        assert link(story["draft"]) not in html
        assert link(story["secret"]) not in html
        assert "Unconfirmed rumour" not in html

    def test_members_see_members_only_events(self, client_for, member, passport, story):
        html = page_text(client_for(member).get("/en" + link(passport)))
        assert link(story["secret"]) in html

    def test_an_ask_lists_the_recommendations_that_took_it_up(self, client, passport, story):
        html = page_text(client.get("/en" + link(story["ask"])))
        assert link(passport) in html
        assert "The platform&#x27;s ask" in html or "The platform's ask" in html

    def test_hidden_recommendation_is_404_for_the_public_and_shown_to_members(self, client, client_for, member, hidden):
        assert client.get(link(hidden)).status_code == 404
        assert client_for(member).get(link(hidden)).status_code == 200

    def test_dossier_in_russian(self, client, passport, story):
        with translation.override("ru"):
            url = reverse("recommendations:detail", kwargs={"pk": passport.pk})
        html = page_text(client.get(url))
        assert passport.text_ru in html
        assert "Мигранты без документов" in html

    def test_dossier_query_count_is_bounded(self, client, django_assert_max_num_queries, passport, story):
        with django_assert_max_num_queries(20):
            assert client.get(link(passport)).status_code == 200


def test_unpublished_status_assessment_does_not_change_the_badge(client, passport):
    AssessmentFactory(recommendation=passport, status=Status.IMPLEMENTED)
    html = page_text(client.get(link(passport)))
    assert "badge--implemented" not in html
    assert Recommendation.objects.get(pk=passport.pk).status == Status.IN_PROGRESS
