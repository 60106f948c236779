"""Advocacy events: the database's hard rules, members-only events and drafts, who edits, history."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from advocacy.models import Event, EventLink, EventParticipant
from partners.access import Workflow, can_edit
from tests.advocacy.factories import EventFactory

pytestmark = pytest.mark.django_db

SEPT_28 = datetime.date(2016, 9, 28)


def as_user(people, name):
    return people[name] or AnonymousUser()


class EventRuleTests:
    def test_an_event_cannot_end_before_it_starts(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            EventFactory(starts_on=SEPT_28, ends_on=SEPT_28 - datetime.timedelta(days=1))

    def test_an_event_may_end_the_day_it_starts_later_or_have_no_end(self):
        EventFactory(starts_on=SEPT_28, ends_on=SEPT_28)
        EventFactory(starts_on=SEPT_28, ends_on=SEPT_28 + datetime.timedelta(days=3))
        EventFactory(starts_on=SEPT_28, ends_on=None)
        assert Event.objects.count() == 3

    def test_an_organisation_takes_part_in_an_event_once(self, organisation):
        event = EventFactory()
        EventParticipant.objects.create(event=event, organisation=organisation, role="speaker")
        with pytest.raises(IntegrityError), transaction.atomic():
            EventParticipant.objects.create(event=event, organisation=organisation, role="co-organiser")


class EventVisibilityTests:
    @pytest.mark.parametrize(
        ("person", "expected"),
        [
            ("anonymous", {"public"}),
            ("other_member", {"public", "members only", "other draft"}),
            ("member", {"public", "members only", "own draft"}),
            ("coordinator", {"public", "members only", "own draft", "other draft", "unowned draft"}),
        ],
    )
    def test_members_only_events_and_drafts(self, people, organisation, other_organisation, person, expected):
        EventFactory(title="public", owner=organisation)
        EventFactory(title="members only", owner=organisation, visibility=Event.Visibility.MEMBERS)
        EventFactory(title="own draft", owner=organisation, status=Workflow.DRAFT)
        EventFactory(title="other draft", owner=other_organisation, status=Workflow.IN_REVIEW)
        EventFactory(title="unowned draft", owner=None, status=Workflow.DRAFT)

        visible = set(Event.objects.visible_to(as_user(people, person)).values_list("title", flat=True))

        assert visible == expected

    def test_a_public_draft_is_not_public(self, organisation):
        draft = EventFactory(owner=organisation, status=Workflow.DRAFT, visibility=Event.Visibility.PUBLIC)
        members_only = EventFactory(owner=organisation, visibility=Event.Visibility.MEMBERS)
        public = EventFactory(owner=organisation)

        assert not draft.is_public
        assert not members_only.is_public
        assert public.is_public
        assert list(Event.objects.public()) == [public]


class EventEditingTests:
    @pytest.mark.parametrize(
        ("person", "own", "other", "unowned"),
        [
            ("anonymous", False, False, False),
            ("other_member", False, True, False),
            ("member", True, False, False),
            ("coordinator", True, True, True),
        ],
    )
    def test_the_owning_organisation_and_coordinators_edit(
        self, people, organisation, other_organisation, person, own, other, unowned
    ):
        user = as_user(people, person)
        assert EventFactory(owner=organisation).editable_by(user) is own
        assert EventFactory(owner=other_organisation, status=Workflow.DRAFT).editable_by(user) is other
        assert can_edit(user, EventFactory(owner=None)) is unowned


class EventHistoryTests:
    def test_every_save_leaves_a_history_row(self, organisation):
        event = EventFactory(owner=organisation, status=Workflow.DRAFT, outcome="")
        event.outcome = "The ministry agreed to meet the platform."
        event.status = Workflow.PUBLISHED
        event.save()

        rows = list(event.history.order_by("history_date").values_list("status", "outcome"))
        assert rows == [(Workflow.DRAFT, ""), (Workflow.PUBLISHED, "The ministry agreed to meet the platform.")]

    def test_participants_and_links_keep_their_history(self, organisation):
        event = EventFactory(owner=organisation)
        participation = EventParticipant.objects.create(event=event, organisation=organisation, role="speaker")
        participation.role = "moderator"
        participation.save()
        link = event.links.create(url="https://example.org/statement", title="Statement")
        link_id = link.pk
        link.delete()

        assert list(participation.history.order_by("history_date").values_list("role", flat=True)) == [
            "speaker",
            "moderator",
        ]
        deleted_link = EventLink.history.filter(id=link_id).order_by("history_date")
        assert list(deleted_link.values_list("history_type", flat=True)) == ["+", "-"]
