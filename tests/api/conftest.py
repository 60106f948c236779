"""A small public record with something hidden of every kind, for the API's tests.

Every hidden thing carries the word SECRET in a text the API would print, so a leak shows up as that
word anywhere in an answer, its CSV or a dump.
"""

import datetime

import pytest

from advocacy.models import Event
from api.models import ApiToken, hash_key
from cycle.models import Deadline, FollowUp, Publication
from partners.access import Workflow
from partners.models import Organisation
from recommendations.models import Mechanism, Status, StatusAssessment
from tests.advocacy.factories import EventFactory, EventParticipantFactory
from tests.cycle.factories import CycleReviewFactory, DeadlineFactory, FollowUpFactory
from tests.partners.factories import OrganisationFactory, StateBodyFactory, UserFactory
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

SECRET = "SECRET"


@pytest.fixture
def open_data(db, organisation, member, other_member, coordinator):
    """Public records of each resource and, beside them, a hidden one of each kind the public must not see."""
    cmw = MechanismFactory(code="CMW", name="Committee on Migrant Workers")
    platform = MechanismFactory(code="PLATFORM", name="The platform", kind=Mechanism.Kind.PLATFORM)
    kz_review = ReviewFactory(mechanism=cmw, state="KZ", year=2014, document_symbol="CMW/C/KAZ/CO/1")
    kg_review = ReviewFactory(mechanism=cmw, state="KG", year=2015, document_symbol="CMW/C/KGZ/CO/1")
    hidden_review = ReviewFactory(mechanism=platform, state="KZ", year=2026, document_symbol="SECRET-ASKS")

    public_body = StateBodyFactory(name="Ministry of Labour", slug="ministry-of-labour", country="KZ")
    hidden_body = StateBodyFactory(name="SECRET Ministry", slug="secret-ministry", is_public=False, country="KZ")
    hidden_ngo = OrganisationFactory(name="SECRET NGO", short_name="SECRET", slug="secret-ngo", is_public=False)

    theme = ThemeFactory(key="Migrants' rights", name_ru="Права мигрантов", name_en="Migrants' rights")
    group = AffectedGroupFactory(key="Migrants")
    sdg = SdgTargetFactory(code="10.7")

    not_implemented = RecommendationFactory(
        review=kz_review,
        paragraph="21",
        text_ru="Ратифицировать конвенцию МОТ № 189.",
        text_en="Ratify ILO Convention No. 189.",
    )
    not_implemented.themes.add(theme)
    not_implemented.affected_groups.add(group)
    not_implemented.sdg_targets.add(sdg)
    not_implemented.addressed_bodies.add(public_body, hidden_body)
    confirmed = AssessmentFactory(
        recommendation=not_implemented,
        status=Status.NOT_IMPLEMENTED,
        assessed_on=datetime.date(2024, 5, 1),
        evidence='=HYPERLINK("http://evil") No change in the law.',
        state=StatusAssessment.State.CONFIRMED,
        organisation=hidden_ngo,
    )
    not_implemented.status = Status.NOT_IMPLEMENTED
    not_implemented.status_date = confirmed.assessed_on
    not_implemented.save()
    proposed = AssessmentFactory(
        recommendation=not_implemented,
        status=Status.IMPLEMENTED,
        evidence="SECRET proposal",
        assessed_on=datetime.date(2025, 1, 1),
        state=StatusAssessment.State.PROPOSED,
        organisation=organisation,
    )
    other_kz = RecommendationFactory(review=kz_review, paragraph="22", text="Protect domestic workers.")
    kg = RecommendationFactory(review=kg_review, paragraph="5", text="Inform migrants of their rights.")
    hidden_rec = RecommendationFactory(review=hidden_review, paragraph="1", text="SECRET ask", is_public=False)

    report = ReportFactory(title="Labour migrants in Kazakhstan", slug="labour-migrants-kz")
    ReportAuthorFactory(report=report, organisation=organisation)
    ReportAuthorFactory(report=report, organisation=hidden_ngo, role="co_author")
    report.proposed_recommendations.add(not_implemented, hidden_rec)
    draft = ReportFactory(title="SECRET draft report", slug="secret-draft", status=Workflow.DRAFT)
    ReportAuthorFactory(report=draft, organisation=organisation)

    event = EventFactory(title="Side event at HDIM", owner=organisation)
    event.organisers.add(organisation, hidden_ngo)
    event.addressed_bodies.add(public_body, hidden_body)
    event.reports_presented.add(report, draft)
    event.recommendations_promoted.add(not_implemented, hidden_rec)
    EventParticipantFactory(event=event, organisation=hidden_ngo)
    members_only = EventFactory(
        title="SECRET members-only briefing", visibility=Event.Visibility.MEMBERS, owner=organisation
    )
    draft_event = EventFactory(title="SECRET draft event", status=Workflow.DRAFT, owner=organisation)

    # The review calendar: a public review with a computed follow-up deadline and a graded paragraph, and
    # beside it a draft and a members-only review, their deadlines and paragraphs, and a public deadline of
    # a draft review (hidden with its review).
    today = datetime.date.today()
    cycle = CycleReviewFactory(
        mechanism=cmw,
        state="KZ",
        session="20th session",
        review_on=datetime.date(2014, 4, 2),
        starts_on=datetime.date(2014, 3, 31),
        ends_on=datetime.date(2014, 4, 11),
        adopted_on=None,
        document_symbol="CMW/C/KAZ/CO/1",
        review=kz_review,
        previous_review=hidden_review,
    )
    computed = DeadlineFactory(
        mechanism=cmw,
        state="KZ",
        cycle=cycle,
        kind=Deadline.Kind.FOLLOW_UP_REPORT,
        due_on=datetime.date(2016, 4, 11),
        is_computed=True,
        title="=cmd|' /C calc'!A0",
    )
    upcoming = DeadlineFactory(mechanism=cmw, state="KG", due_on=today + datetime.timedelta(days=30), title="")
    graded = FollowUpFactory(
        cycle=cycle, recommendation=not_implemented, grade=FollowUp.Grade.B, committee_assessment="Partially."
    )
    draft_cycle = CycleReviewFactory(
        mechanism=cmw, state="KG", session="SECRET draft session", publication=Publication.DRAFT, review_on=today
    )
    members_cycle = CycleReviewFactory(
        mechanism=cmw, state="KZ", session="SECRET members session", publication=Publication.MEMBERS, review_on=today
    )
    draft_deadline = DeadlineFactory(mechanism=cmw, title="SECRET draft deadline", publication=Publication.DRAFT)
    members_deadline = DeadlineFactory(
        mechanism=cmw, title="SECRET members deadline", publication=Publication.MEMBERS, due_on=today
    )
    orphan_deadline = DeadlineFactory(mechanism=cmw, cycle=draft_cycle, title="SECRET deadline of a draft review")
    hidden_follow_ups = [
        FollowUpFactory(cycle=cycle, recommendation=hidden_rec, committee_assessment="SECRET paragraph"),
        FollowUpFactory(cycle=members_cycle, recommendation=other_kz, committee_assessment="SECRET members grade"),
    ]

    return {
        "calendar-reviews": {"public": [cycle], "hidden": [draft_cycle, members_cycle]},
        "deadlines": {"public": [computed, upcoming], "hidden": [draft_deadline, members_deadline, orphan_deadline]},
        "follow-ups": {"public": [graded], "hidden": hidden_follow_ups},
        "recommendations": {"public": [not_implemented, other_kz, kg], "hidden": [hidden_rec]},
        "assessments": {"public": [confirmed], "hidden": [proposed]},
        "reviews": {"public": [kz_review, kg_review], "hidden": [hidden_review]},
        "reports": {"public": [report], "hidden": [draft]},
        "events": {"public": [event], "hidden": [members_only, draft_event]},
        "organisations": {
            "public": list(Organisation.objects.public()),
            "hidden": [hidden_body, hidden_ngo],
        },
        "not_implemented": not_implemented,
    }


@pytest.fixture
def nobody_token(db):
    """A token of a user who is no member (any more): it must see what the public sees."""
    user = UserFactory(username="former_member")
    key = "nobody-key-0123456789"
    ApiToken.objects.create(user=user, name="old script", key_hash=hash_key(key), prefix=key[:8])
    return key


@pytest.fixture
def member_token(member):
    key = "member-key-0123456789"
    ApiToken.objects.create(user=member, name="sync", key_hash=hash_key(key), prefix=key[:8])
    return key
