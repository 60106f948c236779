"""The back-office: every page of every model answers coordinators only; actions go through the services."""

import datetime

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.functional import Promise

from advocacy.models import Event
from partners.access import COORDINATORS_GROUP, MEMBERS_GROUP, Workflow
from partners.models import Membership
from recommendations.models import Status, StatusAssessment
from reports.models import Report
from tests.advocacy.factories import (
    EventAttachmentFactory,
    EventFactory,
    EventLinkFactory,
    EventParticipantFactory,
)
from tests.cycle.factories import CycleReviewFactory, DeadlineFactory, FollowUpFactory, FollowUpRuleFactory
from tests.partners.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    StateBodyFactory,
    UserFactory,
)
from tests.recommendations.factories import (
    AffectedGroupFactory,
    AssessmentFactory,
    MechanismFactory,
    RecommendationFactory,
    ReviewFactory,
    SdgTargetFactory,
    ThemeFactory,
)
from tests.reports.factories import ReportAuthorFactory, ReportFactory

PORTAL_APPS = ("partners", "recommendations", "reports", "cycle", "advocacy")

FACTORIES = {
    "partners.organisation": OrganisationFactory,
    "partners.membership": MembershipFactory,
    "partners.partnership": PartnershipFactory,
    "recommendations.theme": ThemeFactory,
    "recommendations.affectedgroup": AffectedGroupFactory,
    "recommendations.sdgtarget": SdgTargetFactory,
    "recommendations.mechanism": MechanismFactory,
    "recommendations.review": ReviewFactory,
    "recommendations.recommendation": RecommendationFactory,
    "recommendations.statusassessment": AssessmentFactory,
    "reports.report": ReportFactory,
    "reports.reportauthor": ReportAuthorFactory,
    "advocacy.event": EventFactory,
    "advocacy.eventparticipant": EventParticipantFactory,
    "advocacy.eventlink": EventLinkFactory,
    "advocacy.eventattachment": EventAttachmentFactory,
    "cycle.cyclereview": CycleReviewFactory,
    "cycle.deadline": DeadlineFactory,
    "cycle.followup": FollowUpFactory,
    "cycle.followuprule": FollowUpRuleFactory,
}

REGISTERED = sorted(model._meta.label_lower for model in admin.site._registry if model._meta.app_label in PORTAL_APPS)


def admin_url(label, page, obj=None):
    app_label, model_name = label.split(".")
    name = f"admin:{app_label}_{model_name}_{page}"
    return reverse(name, args=[obj.pk]) if obj is not None else reverse(name)


def make(label):
    """One object of the model, with the related records its change page shows."""
    obj = FACTORIES[label]()
    if label == "recommendations.recommendation":
        AssessmentFactory(recommendation=obj, state=StatusAssessment.State.CONFIRMED)
        AssessmentFactory(recommendation=obj)
    elif label == "reports.report":
        ReportAuthorFactory(report=obj)
    elif label == "advocacy.event":
        EventParticipantFactory(event=obj)
        EventLinkFactory(event=obj)
        EventAttachmentFactory(event=obj)
    elif label == "partners.organisation":
        MembershipFactory(organisation=obj)
        PartnershipFactory(organisation=obj)
    elif label == "cycle.cyclereview":
        DeadlineFactory(cycle=obj, mechanism=obj.mechanism)
        FollowUpFactory(cycle=obj)
    return obj


# Tables that only database triggers write (counts derived from other tables): nobody edits them.
DERIVED = {"recommendations.statustally"}


def test_every_model_of_the_portal_apps_is_registered():
    models = {
        model._meta.label_lower
        for app_label in PORTAL_APPS
        for model in apps.get_app_config(app_label).get_models()
        if not model.__name__.startswith("Historical") and model._meta.label_lower not in DERIVED
    }
    assert models == set(REGISTERED)
    assert set(REGISTERED) <= set(FACTORIES)


@pytest.mark.django_db
@pytest.mark.parametrize("label", REGISTERED)
@pytest.mark.parametrize("page", ["changelist", "add", "change", "history"])
def test_coordinator_opens_every_admin_page(client_for, coordinator, label, page):
    obj = make(label)
    if page not in ("change", "history"):
        obj = None

    response = client_for(coordinator).get(admin_url(label, page, obj))

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("label", REGISTERED)
@pytest.mark.parametrize("page", ["changelist", "add", "change"])
@pytest.mark.parametrize("person", ["anonymous", "member", "staff_member"])
def test_others_are_refused_every_admin_page(client_for, people, label, page, person):
    obj = make(label) if page == "change" else None
    user = people.get(person)
    if person == "staff_member":
        # A member who somehow got is_staff still is no coordinator: the admin would bypass visibility rules.
        user = people["member"]
        user.is_staff = True
        user.save()

    response = client_for(user).get(admin_url(label, page, obj))

    if response.status_code == 302:
        assert response["Location"].startswith(reverse("admin:login"))
    else:
        assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["changelist", "add", "change"])
def test_coordinator_opens_the_user_admin(client_for, coordinator, member, page):
    url = reverse(f"admin:auth_user_{page}", args=[member.pk] if page == "change" else [])

    response = client_for(coordinator).get(url)

    assert response.status_code == 200


@pytest.mark.django_db
def test_site_header_is_named_in_the_visitors_language(client_for, coordinator):
    response = client_for(coordinator).get("/en/admin/")

    assert isinstance(admin.site.site_header, Promise)
    assert "<title>Curation of reports, recommendations, advocacy and partners | Platform back-office" in (
        response.content.decode()
    )


# --- actions ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_publish_action_publishes_a_draft_report_and_its_asks(client_for, coordinator):
    ask = RecommendationFactory(is_public=False)
    draft = ReportFactory(status=Workflow.DRAFT, published_on=None)
    draft.proposed_recommendations.add(ask)
    untouched = ReportFactory(status=Workflow.DRAFT)

    response = client_for(coordinator).post(
        reverse("admin:reports_report_changelist"), {"action": "publish_reports", "_selected_action": [draft.pk]}
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    ask.refresh_from_db()
    assert draft.status == Workflow.PUBLISHED
    assert draft.published_on is not None
    assert ask.is_public
    assert Report.objects.get(pk=untouched.pk).status == Workflow.DRAFT
    assert draft.history.count() >= 2


@pytest.mark.django_db
def test_publish_action_publishes_a_draft_event(client_for, coordinator):
    draft = EventFactory(status=Workflow.DRAFT)

    client_for(coordinator).post(
        reverse("admin:advocacy_event_changelist"), {"action": "publish_events", "_selected_action": [draft.pk]}
    )

    assert Event.objects.get(pk=draft.pk).status == Workflow.PUBLISHED


@pytest.mark.django_db
def test_confirm_action_sets_the_recommendation_status(client_for, coordinator):
    proposal = AssessmentFactory(status=Status.IMPLEMENTED, assessed_on=datetime.date(2021, 5, 1))

    client_for(coordinator).post(
        reverse("admin:recommendations_statusassessment_changelist"),
        {"action": "confirm_assessments", "_selected_action": [proposal.pk]},
    )

    proposal.refresh_from_db()
    assert proposal.state == StatusAssessment.State.CONFIRMED
    assert proposal.reviewed_by == coordinator
    assert proposal.recommendation.status == Status.IMPLEMENTED
    assert proposal.recommendation.status_date == datetime.date(2021, 5, 1)


@pytest.mark.django_db
def test_reject_action_leaves_the_status_alone(client_for, coordinator):
    proposal = AssessmentFactory(status=Status.IMPLEMENTED)

    client_for(coordinator).post(
        reverse("admin:recommendations_statusassessment_changelist"),
        {"action": "reject_assessments", "_selected_action": [proposal.pk]},
    )

    proposal.refresh_from_db()
    assert proposal.state == StatusAssessment.State.REJECTED
    assert proposal.recommendation.status == Status.NOT_ASSESSED


@pytest.mark.django_db
def test_a_confirmed_assessment_cannot_be_changed_or_deleted(client_for, coordinator):
    confirmed = AssessmentFactory(state=StatusAssessment.State.CONFIRMED, evidence="As it was.")
    client = client_for(coordinator)

    page = client.get(admin_url("recommendations.statusassessment", "change", confirmed))
    post = client.post(
        admin_url("recommendations.statusassessment", "change", confirmed),
        {"recommendation": confirmed.recommendation_id, "status": Status.IMPLEMENTED, "assessed_on": "2020-01-01"},
    )
    delete = client.post(admin_url("recommendations.statusassessment", "delete", confirmed), {"post": "yes"})

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert post.status_code == 403
    assert delete.status_code == 403
    confirmed.refresh_from_db()
    assert confirmed.status == Status.IN_PROGRESS
    assert confirmed.evidence == "As it was."


@pytest.mark.django_db
def test_recommendation_page_shows_confirmed_assessments_read_only(client_for, coordinator):
    recommendation = make("recommendations.recommendation")

    response = client_for(coordinator).get(admin_url("recommendations.recommendation", "change", recommendation))

    formsets = {formset.formset.prefix: formset.formset for formset in response.context["inline_admin_formsets"]}
    decided, proposed = formsets.values()
    assert [form.instance.state for form in decided.forms] == [StatusAssessment.State.CONFIRMED]
    assert not decided.can_delete
    assert [form.instance.state for form in proposed.initial_forms] == [StatusAssessment.State.PROPOSED]


# --- memberships and roles -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_membership_added_in_admin_puts_the_user_in_the_role_group(client_for, coordinator, organisation):
    newcomer = UserFactory(username="newcomer")

    response = client_for(coordinator).post(
        reverse("admin:partners_membership_add"),
        {"user": newcomer.pk, "organisation": organisation.pk, "role": Membership.Role.COORDINATOR},
    )

    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert Membership.objects.get(user=newcomer).organisation == organisation
    assert newcomer.groups.filter(name=COORDINATORS_GROUP).exists()
    assert newcomer.is_staff


def user_change_data(user, memberships=(), initial=0):
    data = {
        "username": user.username,
        "first_name": "",
        "last_name": "",
        "email": user.email,
        "is_active": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "last_login_0": "",
        "last_login_1": "",
        "memberships-TOTAL_FORMS": str(len(memberships)),
        "memberships-INITIAL_FORMS": str(initial),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(memberships):
        for key, value in row.items():
            data[f"memberships-{index}-{key}"] = value
        data[f"memberships-{index}-user"] = user.pk
    return data


@pytest.mark.django_db
def test_coordinator_gives_a_user_an_organisation_from_the_user_admin(client_for, coordinator, organisation):
    newcomer = UserFactory(username="newcomer")
    data = user_change_data(newcomer, [{"organisation": organisation.pk, "role": Membership.Role.MEMBER}])

    response = client_for(coordinator).post(reverse("admin:auth_user_change", args=[newcomer.pk]), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert list(newcomer.memberships.values_list("organisation", "role")) == [(organisation.pk, "member")]
    assert newcomer.groups.filter(name=MEMBERS_GROUP).exists()
    assert not newcomer.is_staff


@pytest.mark.django_db
def test_moving_a_membership_to_another_organisation_replaces_it(client_for, coordinator, member, other_organisation):
    membership = member.memberships.get()
    data = user_change_data(
        member,
        [{"id": membership.pk, "organisation": other_organisation.pk, "role": Membership.Role.MEMBER}],
        initial=1,
    )

    response = client_for(coordinator).post(reverse("admin:auth_user_change", args=[member.pk]), data)

    assert response.status_code == 302
    assert list(member.memberships.values_list("organisation", flat=True)) == [other_organisation.pk]


@pytest.mark.django_db
def test_coordinator_cannot_make_anyone_superuser(client_for, coordinator, member):
    data = user_change_data(member) | {"is_superuser": "on", "is_staff": "on"}

    client_for(coordinator).post(reverse("admin:auth_user_change", args=[member.pk]), data)

    member.refresh_from_db()
    assert not member.is_superuser
    assert not member.is_staff


@pytest.mark.django_db
def test_coordinator_cannot_change_a_superuser(client_for, coordinator):
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x")

    response = client_for(coordinator).post(reverse("admin:auth_user_change", args=[root.pk]), user_change_data(root))

    assert response.status_code == 403


# --- query counts ----------------------------------------------------------------------------------------


def _fill(label, count):
    if label == "recommendations.recommendation":
        for _index in range(count):
            recommendation = RecommendationFactory(review=ReviewFactory())
            recommendation.themes.add(ThemeFactory())
            recommendation.addressed_bodies.add(StateBodyFactory())
    elif label == "reports.report":
        for _index in range(count):
            ReportAuthorFactory(report=ReportFactory(mechanism=MechanismFactory()))
    elif label == "advocacy.event":
        for _index in range(count):
            EventParticipantFactory(event=EventFactory(recorded_by=UserFactory()))
    elif label == "recommendations.statusassessment":
        for _index in range(count):
            AssessmentFactory(organisation=OrganisationFactory(), proposed_by=UserFactory())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "label",
    ["recommendations.recommendation", "reports.report", "advocacy.event", "recommendations.statusassessment"],
)
def test_changelist_queries_do_not_grow_with_rows(client_for, coordinator, django_assert_max_num_queries, label):
    client = client_for(coordinator)
    url = admin_url(label, "changelist")
    _fill(label, 2)
    client.get(url)  # warm the content-type and session caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200

    _fill(label, 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)

    assert response.context["cl"].result_count == 22


@pytest.mark.django_db
def test_country_filter_offers_the_countries_in_use_and_filters(client_for, coordinator):
    EventFactory(country="PL", title="Warsaw side event")
    EventFactory(country="KZ", title="Almaty mission")
    client = client_for(coordinator)
    url = admin_url("advocacy.event", "changelist")

    offered = client.get(url).context["cl"].filter_specs[-1].lookup_choices
    filtered = client.get(url, {"country": "KZ"}).context["cl"].result_list

    assert [code for code, _name in offered] == ["KZ", "PL"]
    assert [event.title for event in filtered] == ["Almaty mission"]
