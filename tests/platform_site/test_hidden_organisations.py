"""A non-public organisation's name reaches no public surface, whatever public record names it.

A hidden state body addressed by a public recommendation and by a public event, a hidden NGO that wrote a
public report, organised and took part in a public event, recorded it and signed a confirmed assessment:
the public pages, filters, exports, feeds, search, sitemaps, look-ups and partners' pages are walked for
their names and slugs. Members still see them.
"""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from openpyxl import load_workbook

from recommendations.models import StatusAssessment
from recommendations.resources import RecommendationStatusResource
from tests.advocacy.factories import EventFactory, EventParticipantFactory
from tests.partners.factories import OrganisationFactory, PartnershipFactory, StateBodyFactory
from tests.recommendations.factories import AssessmentFactory, RecommendationFactory
from tests.reports.factories import ReportAuthorFactory, ReportFactory

pytestmark = pytest.mark.django_db

NAME = "Zqxhidden"  # in every name of the hidden organisations
SLUG = "qqslug"  # in their slugs


@pytest.fixture
def hidden():
    body = StateBodyFactory(
        name="Zqxhidden Ministry of Labour",
        name_en="Zqxhidden Ministry of Labour",
        short_name="Zqxhidden MoL",
        slug="qqslug-ministry",
        is_public=False,
    )
    ngo = OrganisationFactory(
        name="Zqxhidden Migrant Aid",
        name_en="Zqxhidden Migrant Aid",
        short_name="Zqxhidden MA",
        slug="qqslug-aid",
        is_public=False,
    )
    public_body = StateBodyFactory(name="Open Ministry of Justice", slug="open-ministry")
    recommendation = RecommendationFactory(text="Ensure migrant workers' rights to a contract.")
    recommendation.addressed_bodies.set([body, public_body])
    AssessmentFactory(
        recommendation=recommendation, organisation=ngo, state=StatusAssessment.State.CONFIRMED, evidence="Done."
    )
    report = ReportFactory(title="Migrant workers without contracts")
    ReportAuthorFactory(report=report, organisation=ngo)
    ReportAuthorFactory(report=report, organisation=OrganisationFactory(name="Visible Author NGO"))
    event = EventFactory(title="Migrant workers' side event", owner=ngo)
    event.organisers.set([ngo])
    event.addressed_bodies.set([body])
    event.recommendations_promoted.set([recommendation])
    event.reports_presented.set([report])
    EventParticipantFactory(event=event, organisation=ngo)
    partner = OrganisationFactory(name="Open Partner NGO", slug="open-partner")
    PartnershipFactory(organisation=partner, partner=ngo)
    return {
        "body": body,
        "ngo": ngo,
        "public_body": public_body,
        "recommendation": recommendation,
        "report": report,
        "event": event,
        "partner": partner,
    }


def assert_hidden(text, where, *, slugs=True):
    assert NAME not in text, f"{where} names a hidden organisation"
    if slugs:
        assert SLUG not in text, f"{where} links to a hidden organisation"


def workbook_text(content) -> str:
    wb = load_workbook(io.BytesIO(content))
    return "\n".join(
        str(cell.value) for ws in wb.worksheets for row in ws.iter_rows() for cell in row if cell.value is not None
    )


def public_urls(hidden):
    body_id = hidden["body"].pk
    sitemap_sections = ["static", "reports", "recommendations", "events", "partners"]
    urls = [
        "/",
        "/en/",
        reverse("recommendations:list"),
        f"{reverse('recommendations:list')}?body={body_id}",
        "/en/recommendations/",
        reverse("recommendations:detail", kwargs={"pk": hidden["recommendation"].pk}),
        reverse("reports:list"),
        reverse("reports:detail", kwargs={"slug": hidden["report"].slug}),
        reverse("advocacy:list"),
        reverse("advocacy:detail", kwargs={"pk": hidden["event"].pk}),
        reverse("partners:list"),
        f"{reverse('partners:list')}?kind=state_body",
        reverse("partners:detail", kwargs={"slug": hidden["partner"].slug}),
        reverse("partners:detail", kwargs={"slug": hidden["public_body"].slug}),
        reverse("partners:lookup") + "?q=Aid",
        reverse("partners:lookup") + "?q=Ministry&kind=state_body",
        reverse("search") + "?q=Aid",
        reverse("search") + "?q=Ministry",
        "/en/search/?q=migrant",
        reverse("feeds:reports"),
        reverse("feeds:events"),
        reverse("feeds:events-ical"),
        "/sitemap.xml",
    ]
    urls += [f"/sitemap-{section}.xml" for section in sitemap_sections]
    return urls


def test_no_public_surface_names_a_hidden_organisation(client, hidden):
    for url in public_urls(hidden):
        response = client.get(url)
        assert response.status_code in (200, 302, 404), url
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert_hidden(content.decode(), url)
    # Its own page is not found (the 404 page repeats the address asked for, not the name).
    response = client.get(reverse("partners:detail", kwargs={"slug": hidden["ngo"].slug}))
    assert response.status_code == 404
    assert_hidden(response.content.decode(), "its own page", slugs=False)
    # The organisations filter of the advocacy list, the recommendations' body filter: public choices only.
    page = client.get(reverse("recommendations:list")).content.decode()
    assert f'value="{hidden["public_body"].pk}"' in page
    assert f'value="{hidden["body"].pk}"' not in page


def test_export_workbook_names_no_hidden_organisation_on_any_sheet(client, hidden):
    for query in ("", f"?body={hidden['body'].pk}", f"?body={hidden['public_body'].pk}"):
        response = client.get(reverse("recommendations:export") + query)
        assert response.status_code == 200
        text = workbook_text(b"".join(response.streaming_content))
        assert_hidden(text, f"export{query}")
        assert_hidden(response["Content-Disposition"], f"export file name{query}")
        assert "Open Ministry of Justice" in text  # the visible body is still exported


def test_hidden_body_is_an_invalid_filter_choice_for_the_public(client, hidden):
    response = client.get(reverse("recommendations:list"), {"body": hidden["body"].pk})
    assert response.status_code == 200
    assert "body" in response.context["filter"].form.errors
    assert "field--error" in response.content.decode(), "the form says the choice is invalid"


def test_admin_export_resource_names_no_hidden_organisation_for_the_public(hidden):
    from recommendations.models import Recommendation

    dataset = RecommendationStatusResource(user=AnonymousUser()).export(
        queryset=Recommendation.objects.filter(pk=hidden["recommendation"].pk)
    )
    assert_hidden(dataset.csv, "admin export")
    assert "Open Ministry of Justice" in dataset.csv


def test_members_still_see_and_filter_by_hidden_organisations(client_for, member, hidden):
    client = client_for(member)
    page = client.get(reverse("recommendations:list")).content.decode()
    assert f'value="{hidden["body"].pk}"' in page
    response = client.get(reverse("recommendations:list"), {"body": hidden["body"].pk})
    assert not response.context["filter"].form.errors
    assert "Zqxhidden" in client.get(reverse("advocacy:detail", kwargs={"pk": hidden["event"].pk})).content.decode()
    text = workbook_text(b"".join(client.get(reverse("recommendations:export")).streaming_content))
    assert "Zqxhidden Ministry of Labour" in text
