"""Organisations, memberships and partnerships: the database's hard rules, visibility, editing, history."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from partners.access import can_edit, is_coordinator, is_member, organisation_ids
from partners.models import Membership, Organisation, Partnership
from partners.services import membership_set
from tests.partners.factories import MembershipFactory, OrganisationFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def as_user(people, name):
    return people[name] or AnonymousUser()


class MembershipTests:
    def test_one_role_per_user_and_organisation(self, member, organisation):
        with pytest.raises(IntegrityError), transaction.atomic():
            MembershipFactory(user=member, organisation=organisation, role=Membership.Role.COORDINATOR)

    def test_the_same_user_may_belong_to_two_organisations(self, member, other_organisation):
        MembershipFactory(user=member, organisation=other_organisation)
        assert member.memberships.count() == 2

    def test_membership_set_changes_the_role_instead_of_adding_one(self, member, organisation):
        membership_set(user=member, organisation=organisation, role=Membership.Role.COORDINATOR)

        membership = Membership.objects.get(user=member, organisation=organisation)
        assert membership.role == Membership.Role.COORDINATOR
        assert Membership.objects.filter(user=member).count() == 1

    def test_membership_set_places_the_user_in_the_role_group(self, organisation):
        person = UserFactory(username="new-member")
        membership_set(user=person, organisation=organisation, role=Membership.Role.MEMBER)
        boss = UserFactory(username="new-coordinator")
        membership_set(user=boss, organisation=organisation, role=Membership.Role.COORDINATOR)

        assert list(person.groups.values_list("name", flat=True)) == ["Members"]
        assert not person.is_staff
        boss.refresh_from_db()
        assert list(boss.groups.values_list("name", flat=True)) == ["Coordinators"]
        assert boss.is_staff

    def test_history_is_written_on_save(self, member, organisation):
        membership = Membership.objects.get(user=member, organisation=organisation)
        membership.role = Membership.Role.COORDINATOR
        membership.save()

        roles = list(membership.history.order_by("history_date").values_list("role", "history_type"))
        assert roles == [(Membership.Role.MEMBER, "+"), (Membership.Role.COORDINATOR, "~")]


class PartnershipTests:
    def test_an_organisation_is_not_its_own_partner(self, organisation):
        with pytest.raises(IntegrityError), transaction.atomic():
            PartnershipFactory(organisation=organisation, partner=organisation)

    def test_a_partnership_ends_after_it_starts(self, organisation, other_organisation):
        with pytest.raises(IntegrityError), transaction.atomic():
            PartnershipFactory(
                organisation=organisation,
                partner=other_organisation,
                started_on=datetime.date(2016, 5, 1),
                ended_on=datetime.date(2016, 4, 30),
            )

    def test_a_partnership_may_end_the_day_it_starts_or_stay_open(self, organisation, other_organisation):
        PartnershipFactory(
            organisation=organisation,
            partner=other_organisation,
            kind=Partnership.Kind.TRAINING,
            started_on=datetime.date(2016, 5, 1),
            ended_on=datetime.date(2016, 5, 1),
        )
        PartnershipFactory(organisation=organisation, partner=other_organisation, started_on=datetime.date(2016, 5, 1))
        assert organisation.partnerships.count() == 2

    def test_one_partnership_of_each_kind_between_two_organisations(self, organisation, other_organisation):
        PartnershipFactory(organisation=organisation, partner=other_organisation, kind=Partnership.Kind.FUNDING)
        with pytest.raises(IntegrityError), transaction.atomic():
            PartnershipFactory(organisation=organisation, partner=other_organisation, kind=Partnership.Kind.FUNDING)

    def test_history_is_written_on_save(self, organisation, other_organisation):
        partnership = PartnershipFactory(organisation=organisation, partner=other_organisation)
        partnership.description = "Joint research on women migrants"
        partnership.save()

        assert partnership.history.count() == 2
        assert partnership.history.earliest("history_date").description == ""
        assert partnership.history.latest("history_date").description == "Joint research on women migrants"


class OrganisationTests:
    @pytest.mark.parametrize(
        ("person", "sees_hidden"),
        [("anonymous", False), ("other_member", True), ("member", True), ("coordinator", True)],
    )
    def test_hidden_organisations_are_for_members_only(self, people, person, sees_hidden):
        public = OrganisationFactory(name="FIDH", is_public=True)
        hidden = OrganisationFactory(name="A source who asked not to be named", is_public=False)

        visible = set(Organisation.objects.visible_to(as_user(people, person)))

        assert public in visible
        assert (hidden in visible) is sees_hidden

    @pytest.mark.parametrize(
        ("person", "may_edit_own", "may_edit_other"),
        [
            ("anonymous", False, False),
            ("other_member", False, True),
            ("member", True, False),
            ("coordinator", True, True),
        ],
    )
    def test_members_edit_their_own_organisation_and_coordinators_all(
        self, people, organisation, other_organisation, person, may_edit_own, may_edit_other
    ):
        user = as_user(people, person)
        # "own" is the member's organisation (Bir Duino); "other" is other_member's (Mehr Shavkat).
        assert organisation.editable_by(user) is may_edit_own
        assert other_organisation.editable_by(user) is may_edit_other
        assert can_edit(user, organisation) is may_edit_own

    def test_nobody_edits_nothing(self, coordinator):
        assert can_edit(coordinator, None) is False

    def test_history_is_written_on_save(self, organisation):
        organisation.city = "Bishkek"
        organisation.save()

        cities = list(organisation.history.order_by("history_date").values_list("city", flat=True))
        assert cities == ["", "Bishkek"]


class AccessTests:
    def test_an_inactive_user_has_no_role(self, member, coordinator):
        for user in (member, coordinator):
            user.is_active = False
            user.save()
        fresh_member = type(member).objects.get(pk=member.pk)
        fresh_coordinator = type(coordinator).objects.get(pk=coordinator.pk)

        assert not is_member(fresh_member)
        assert not is_coordinator(fresh_coordinator)
        assert organisation_ids(fresh_member) == frozenset()

    def test_a_superuser_is_a_coordinator(self):
        admin = UserFactory(username="root", is_superuser=True)
        assert is_coordinator(admin)
        assert is_member(admin)

    def test_a_member_is_not_a_coordinator(self, member, organisation):
        assert is_member(member)
        assert not is_coordinator(member)
        assert organisation_ids(member) == frozenset({organisation.pk})

    def test_the_anonymous_visitor_has_no_role(self):
        visitor = AnonymousUser()
        assert not is_member(visitor)
        assert not is_coordinator(visitor)
