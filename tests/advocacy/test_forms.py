"""Recording and editing advocacy actions: the four people, validation, files, double submission, history."""

import pytest
from django.urls import reverse

from advocacy.models import Event, EventAttachment, EventLink
from partners.access import Workflow
from partners.models import Organisation
from tests.advocacy.factories import EventFactory
from tests.members_support import fake_pdf, form_token, pdf_file
from tests.partners.factories import OrganisationFactory, StateBodyFactory
from tests.recommendations.factories import RecommendationFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db

CREATE_URL = reverse("advocacy:create")


def management(prefix, total=1, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def event_data(token, **overrides):
    data = {
        "form_token": token,
        "event-kind": Event.Kind.SIDE_EVENT,
        "event-title_ru": "Сайд-ивент о детях мигрантов",
        "event-title_en": "Side event on migrants' children",
        "event-starts_on": "2016-09-28",
        "event-ends_on": "2016-09-28",
        "event-place": "Warsaw",
        "event-country": "PL",
        "event-forum": "OSCE HDIM",
        "event-visibility": Event.Visibility.PUBLIC,
        **management("links"),
        **management("attachments"),
    }
    data.update(overrides)
    return data


def get_token(client, url=CREATE_URL):
    response = client.get(url)
    assert response.status_code == 200
    return form_token(response)


def update_url(event):
    return reverse("advocacy:update", kwargs={"pk": event.pk})


# ---- Who may record and edit ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "expected"), [("anonymous", 302), ("other_member", 200), ("member", 200), ("coordinator", 200)]
)
def test_who_may_open_the_new_action_form(client_for, people, person, expected):
    response = client_for(people[person]).get(CREATE_URL)
    assert response.status_code == expected


def test_a_logged_in_person_without_membership_is_refused(client_for, django_user_model):
    stranger = django_user_model.objects.create_user("stranger", password="x")
    assert client_for(stranger).get(CREATE_URL).status_code == 403


def test_anonymous_post_creates_nothing(client):
    response = client.post(CREATE_URL, event_data("x"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("person", "draft_status", "published_status"),
    [("anonymous", 302, 302), ("other_member", 404, 403), ("member", 200, 200), ("coordinator", 200, 200)],
)
def test_who_may_edit(client_for, people, organisation, person, draft_status, published_status):
    draft = EventFactory(owner=organisation, status=Workflow.DRAFT)
    published = EventFactory(owner=organisation, status=Workflow.PUBLISHED)
    client = client_for(people[person])
    assert client.get(update_url(draft)).status_code == draft_status
    assert client.get(update_url(published)).status_code == published_status


@pytest.mark.parametrize(("person", "expected"), [("anonymous", 302), ("other_member", 403)])
def test_direct_posts_to_another_organisations_action_are_refused(client_for, people, organisation, person, expected):
    event = EventFactory(owner=organisation, status=Workflow.PUBLISHED, title="Original")
    client = client_for(people[person])
    data = event_data("forged", **{"event-title_ru": "Hijacked"})
    assert client.post(update_url(event), data).status_code == expected
    assert client.post(reverse("advocacy:withdraw", kwargs={"pk": event.pk})).status_code == expected
    assert client.post(reverse("advocacy:submit", kwargs={"pk": event.pk})).status_code == expected
    event.refresh_from_db()
    assert event.title == "Original"
    assert event.status == Workflow.PUBLISHED


def test_another_organisations_draft_is_404_even_to_direct_posts(client_for, other_member, organisation):
    draft = EventFactory(owner=organisation, status=Workflow.DRAFT)
    client = client_for(other_member)
    assert client.post(update_url(draft), event_data("x")).status_code == 404
    assert client.post(reverse("advocacy:withdraw", kwargs={"pk": draft.pk})).status_code == 404
    draft.refresh_from_db()
    assert draft.status == Workflow.DRAFT


# ---- Recording ------------------------------------------------------------------------------------------


def test_a_member_records_an_action_with_everything(client_for, member, organisation):
    client = client_for(member)
    recommendation = RecommendationFactory()
    report = ReportFactory(status=Workflow.PUBLISHED)
    ministry = StateBodyFactory()
    partner = OrganisationFactory()
    data = event_data(
        get_token(client),
        **{
            "event-organisers": [str(organisation.pk)],
            "event-participants": [str(partner.pk)],
            "event-addressed_bodies": [str(ministry.pk)],
            "event-reports_presented": [str(report.pk)],
            "event-recommendations_promoted": [str(recommendation.pk)],
            "event-outcome_en": "The ministry promised a reply.",
            "links-0-url": "https://example.org/news",
            "links-0-title": "News",
            "attachments-0-file": pdf_file("programme.pdf"),
            "attachments-0-title": "Programme",
        },
    )
    response = client.post(CREATE_URL, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    event = Event.objects.get()
    assert response["Location"] == event.get_absolute_url()
    assert event.owner == organisation
    assert event.recorded_by == member
    assert event.status == Workflow.DRAFT
    assert event.title_en == "Side event on migrants' children"
    assert list(event.recommendations_promoted.all()) == [recommendation]
    assert list(event.reports_presented.all()) == [report]
    assert list(event.addressed_bodies.all()) == [ministry]
    assert list(event.organisers.all()) == [organisation]
    assert list(event.participants.all()) == [partner]
    assert EventLink.objects.get(event=event).url == "https://example.org/news"
    assert EventAttachment.objects.get(event=event).file.name.endswith(".pdf")
    assert event.history.first().history_user == member


def test_send_for_review_puts_the_action_in_the_queue(client_for, member):
    client = client_for(member)
    client.post(CREATE_URL, event_data(get_token(client), submit="1"))
    assert Event.objects.get().status == Workflow.IN_REVIEW


def test_a_member_cannot_record_for_another_organisation(client_for, member, other_organisation):
    client = client_for(member)
    response = client.post(CREATE_URL, event_data(get_token(client), **{"event-owner": str(other_organisation.pk)}))
    assert response.status_code == 200
    assert response.context["form"].has_error("owner")
    assert not Event.objects.exists()


def test_a_member_of_two_organisations_picks_one(client_for, member, other_organisation):
    from partners.services import membership_set

    membership_set(user=member, organisation=other_organisation)
    client = client_for(member)
    page = client.get(CREATE_URL)
    assert b'name="event-owner"' in page.content and b"<select" in page.content
    response = client.post(CREATE_URL, event_data(form_token(page), **{"event-owner": str(other_organisation.pk)}))
    assert response.status_code == 302
    assert Event.objects.get().owner == other_organisation


def test_a_missing_organisation_is_added_from_the_form(client_for, member):
    client = client_for(member)
    data = event_data(
        get_token(client),
        **{
            "event-new_organisation_name": "Ministry of Labour of Kyrgyzstan",
            "event-new_organisation_kind": Organisation.Kind.NGO,
            "event-new_organisation_role": "addressed_bodies",
        },
    )
    assert client.post(CREATE_URL, data).status_code == 302
    added = Organisation.objects.get(name="Ministry of Labour of Kyrgyzstan")
    assert added.kind == Organisation.Kind.STATE_BODY
    assert list(Event.objects.get().addressed_bodies.all()) == [added]


# ---- Validation -------------------------------------------------------------------------------------------


def test_dates_must_be_in_order_and_typed_values_stay(client_for, member):
    client = client_for(member)
    response = client.post(
        CREATE_URL, event_data(get_token(client), **{"event-starts_on": "2016-09-28", "event-ends_on": "2016-09-20"})
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("ends_on", "dates_out_of_order")
    body = response.content.decode()
    assert "Side event on migrants&#x27; children" in body
    assert "2016-09-20" in body
    assert not Event.objects.exists()


def test_a_title_in_one_language_is_needed(client_for, member):
    client = client_for(member)
    response = client.post(CREATE_URL, event_data(get_token(client), **{"event-title_ru": "", "event-title_en": ""}))
    assert response.context["form"].has_error("title_ru", "no_title")


def test_a_link_must_be_a_url(client_for, member):
    client = client_for(member)
    response = client.post(CREATE_URL, event_data(get_token(client), **{"links-0-url": "not a link"}))
    assert response.status_code == 200
    assert response.context["links"].forms[0].has_error("url", "invalid")
    assert not Event.objects.exists()


def test_an_attachment_must_really_be_a_document(client_for, member):
    client = client_for(member)
    response = client.post(CREATE_URL, event_data(get_token(client), **{"attachments-0-file": fake_pdf("a.pdf")}))
    assert response.status_code == 200
    assert response.context["attachments"].forms[0].has_error("file", "file_type")
    assert not Event.objects.exists()


def test_an_attachment_over_the_limit_is_refused(client_for, member, settings):
    settings.MAX_UPLOAD_MB = 0
    client = client_for(member)
    response = client.post(CREATE_URL, event_data(get_token(client), **{"attachments-0-file": pdf_file()}))
    assert response.context["attachments"].forms[0].has_error("file", "file_too_large")


# ---- Double submission --------------------------------------------------------------------------------------


def test_the_same_form_sent_twice_records_one_action(client_for, member):
    client = client_for(member)
    token = get_token(client)
    first = client.post(CREATE_URL, event_data(token))
    second = client.post(CREATE_URL, event_data(token))
    assert first.status_code == 302
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Event.objects.count() == 1


def test_a_form_with_an_unknown_token_records_nothing(client_for, member):
    response = client_for(member).post(CREATE_URL, event_data("not-issued"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Event.objects.exists()


def test_a_failed_form_keeps_its_token_for_the_corrected_send(client_for, member):
    client = client_for(member)
    token = get_token(client)
    failed = client.post(CREATE_URL, event_data(token, **{"event-title_ru": "", "event-title_en": ""}))
    assert form_token(failed) == token
    assert client.post(CREATE_URL, event_data(token)).status_code == 302
    assert Event.objects.count() == 1


# ---- Editing, submitting, withdrawing ---------------------------------------------------------------------------


def test_editing_keeps_history_with_the_user(client_for, member, organisation):
    event = EventFactory(owner=organisation, status=Workflow.DRAFT, title_ru="Старое", title_en="Old")
    client = client_for(member)
    response = client.post(
        update_url(event), event_data(get_token(client, update_url(event)), **{"event-title_en": "New"})
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_en == "New"
    latest = event.history.first()
    assert latest.history_user == member
    changed = {change.field for change in latest.diff_against(latest.prev_record).changes}
    assert "title_en" in changed


def test_a_members_change_to_a_published_action_goes_back_to_review(client_for, member, organisation):
    event = EventFactory(owner=organisation, status=Workflow.PUBLISHED)
    client = client_for(member)
    client.post(update_url(event), event_data(get_token(client, update_url(event))))
    event.refresh_from_db()
    assert event.status == Workflow.IN_REVIEW


def test_submit_and_withdraw(client_for, member, organisation):
    event = EventFactory(owner=organisation, status=Workflow.DRAFT)
    client = client_for(member)
    assert client.post(reverse("advocacy:submit", kwargs={"pk": event.pk})).status_code == 302
    event.refresh_from_db()
    assert event.status == Workflow.IN_REVIEW
    assert client.post(reverse("advocacy:withdraw", kwargs={"pk": event.pk})).status_code == 302
    event.refresh_from_db()
    assert event.status == Workflow.WITHDRAWN
    assert Event.objects.filter(pk=event.pk).exists()
    # GET does not change anything.
    assert client.get(reverse("advocacy:withdraw", kwargs={"pk": event.pk})).status_code == 405


def test_the_event_page_shows_history_to_coordinators_only(client_for, people, organisation):
    event = EventFactory(owner=organisation, status=Workflow.PUBLISHED)
    url = event.get_absolute_url()
    assert "history-title" in client_for(people["coordinator"]).get(url).content.decode()
    assert "history-title" not in client_for(people["member"]).get(url).content.decode()
    assert "history-title" not in client_for(None).get(url).content.decode()


# ---- Look-ups ---------------------------------------------------------------------------------------------------


def test_organisation_lookup_filters_by_kind(client_for, member):
    StateBodyFactory(name="Ministry of Labour")
    OrganisationFactory(name="Labour rights NGO")
    url = reverse("partners:lookup")
    names = [r["text"] for r in client_for(member).get(url, {"q": "labour"}).json()["results"]]
    assert len(names) == 2
    bodies = client_for(member).get(url, {"q": "labour", "kind": "state_body"}).json()["results"]
    assert [r["text"].split(" (")[0] for r in bodies] == ["Ministry of Labour"]


def test_report_lookup_hides_other_organisations_drafts(client_for, member):
    ReportFactory(title="Draft of another organisation", status=Workflow.DRAFT)
    ReportFactory(title="Published research", status=Workflow.PUBLISHED)
    results = client_for(member).get(reverse("reports:lookup"), {"q": "o"}).json()["results"]
    assert [r["text"] for r in results] == ["Published research"]
