"""Changes to linked items (organisers, themes, proposed asks…) are in the objects' history and on its page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from advocacy.services import event_update
from partners.access import Workflow
from tests.advocacy.factories import EventFactory
from tests.partners.factories import OrganisationFactory, StateBodyFactory
from tests.recommendations.factories import RecommendationFactory, SdgTargetFactory, ThemeFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db


def _linked(record, field: str, target: str) -> set:
    return set(getattr(record, field).values_list(f"{target}_id", flat=True))


def test_an_events_linked_items_are_in_its_history_and_on_its_page(client_for, member, coordinator, organisation):
    event = EventFactory(owner=organisation, status=Workflow.DRAFT)
    ministry = StateBodyFactory(name="Ministry of Labour")
    fidh = OrganisationFactory(name="FIDH")
    promoted = RecommendationFactory()
    event_update(
        event=event,
        user=member,
        fields={},
        relations={"organisers": [fidh], "addressed_bodies": [ministry], "recommendations_promoted": [promoted]},
    )
    latest = event.history.first()
    assert _linked(latest, "organisers", "organisation") == {fidh.pk}
    assert _linked(latest, "addressed_bodies", "organisation") == {ministry.pk}
    assert _linked(latest, "recommendations_promoted", "recommendation") == {promoted.pk}
    # The record from before the change still has the old (empty) links: the history is not rewritten.
    assert _linked(event.history.last(), "organisers", "organisation") == set()

    event_update(event=event, user=coordinator, fields={}, relations={"organisers": [organisation]})
    with translation.override("en"):
        english_page = event.get_absolute_url()
    page = client_for(coordinator).get(english_page).content.decode()
    assert "history-title" in page
    assert "Organisers" in page  # the field's label, capitalised by the include
    assert "FIDH" in page and "Ministry of Labour" in page
    assert organisation.name in page
    # More history costs no more queries: one per relation for all entries, not two per relation and entry.
    client = client_for(coordinator)
    with CaptureQueriesContext(connection) as before:
        assert client.get(english_page).status_code == 200
    for _ in range(6):
        event_update(event=event, user=coordinator, fields={}, relations={"organisers": [OrganisationFactory()]})
    with CaptureQueriesContext(connection) as after:
        assert client.get(english_page).status_code == 200
    assert len(after.captured_queries) == len(before.captured_queries)


def test_a_recommendations_index_changes_are_in_its_history(client_for, coordinator):
    recommendation = RecommendationFactory(is_public=True)
    theme = ThemeFactory(key="labour", name="Labour rights")
    target = SdgTargetFactory(code="8.8", title="Protect labour rights")
    ask = RecommendationFactory()
    client = client_for(coordinator)
    change_url = reverse("admin:recommendations_recommendation_change", args=[recommendation.pk])
    recommendation.themes.add(theme)
    recommendation.sdg_targets.add(target)
    recommendation.reflected_in.add(ask)
    latest = recommendation.history.first()
    assert _linked(latest, "themes", "theme") == {theme.pk}
    assert _linked(latest, "sdg_targets", "sdgtarget") == {target.pk}
    assert _linked(latest, "reflected_in", "to_recommendation") == {ask.pk}
    # The admin's change and history pages and the dossier with its history include all render.
    assert client.get(change_url).status_code == 200
    history_url = reverse("admin:recommendations_recommendation_history", args=[recommendation.pk])
    assert client.get(history_url).status_code == 200
    record_url = reverse(
        "admin:recommendations_recommendation_simple_history", args=[recommendation.pk, latest.history_id]
    )
    assert client.get(record_url).status_code == 200
    page = client.get(recommendation.get_absolute_url()).content.decode()
    assert "Labour rights" in page and "8.8" in page


def test_a_change_in_the_admin_records_who_changed_the_links(client_for, coordinator):
    recommendation = RecommendationFactory(is_public=True)
    theme = ThemeFactory(key="migration", name="Migration")
    client = client_for(coordinator)
    change_url = reverse("admin:recommendations_recommendation_change", args=[recommendation.pk])
    form = client.get(change_url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "review": recommendation.review_id,
            "paragraph": recommendation.paragraph,
            "kind": recommendation.kind,
            "text_ru": recommendation.text_ru or "Текст",
            "text_en": recommendation.text_en or "Text",
            "is_public": "on",
            "themes": [theme.pk],
            "affected_groups": [],
            "sdg_targets": [],
            "addressed_bodies": [],
            "reflected_in": [],
        }
    )
    formsets = client.get(change_url).context["inline_admin_formsets"]
    for inline in formsets:
        management = inline.formset.management_form
        for name, field in management.fields.items():
            data[f"{inline.formset.prefix}-{name}"] = management.initial.get(name, field.initial)
    data = {key: value for key, value in data.items() if not isinstance(value, list) or value}
    response = client.post(change_url, {**data, "themes": [theme.pk]})
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    latest = recommendation.history.first()
    assert latest.history_user == coordinator
    assert _linked(latest, "themes", "theme") == {theme.pk}


def test_a_reports_links_are_in_its_history(client_for, coordinator):
    report = ReportFactory()
    theme = ThemeFactory(key="women", name="Women migrants")
    ask = RecommendationFactory()
    report.themes.add(theme)
    report.proposed_recommendations.add(ask)
    latest = report.history.first()
    assert _linked(latest, "themes", "theme") == {theme.pk}
    assert _linked(latest, "proposed_recommendations", "recommendation") == {ask.pk}
    assert report.history.count() == 3  # created, then one record per change of links
    client = client_for(coordinator)
    assert client.get(reverse("admin:reports_report_history", args=[report.pk])).status_code == 200
    assert client.get(reverse("admin:reports_report_change", args=[report.pk])).status_code == 200
