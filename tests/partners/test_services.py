import pytest

from partners.access import is_coordinator, is_member
from partners.models import Membership
from partners.services import membership_remove, membership_set
from tests.partners.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def group_names(user):
    return set(user.groups.values_list("name", flat=True))


def test_a_coordinator_made_member_loses_coordinator_rights():
    user = UserFactory()
    organisation = OrganisationFactory()
    membership_set(user=user, organisation=organisation, role=Membership.Role.COORDINATOR)
    user.refresh_from_db()
    assert group_names(user) == {"Coordinators"}
    assert user.is_staff

    membership_set(user=user, organisation=organisation, role=Membership.Role.MEMBER)
    user.refresh_from_db()
    assert group_names(user) == {"Members"}
    assert not user.is_staff
    assert not is_coordinator(user)


def test_coordinator_role_in_one_organisation_is_enough():
    user = UserFactory()
    membership_set(user=user, organisation=OrganisationFactory(), role=Membership.Role.MEMBER)
    membership_set(user=user, organisation=OrganisationFactory(), role=Membership.Role.COORDINATOR)
    user.refresh_from_db()
    assert group_names(user) == {"Coordinators"}


def test_removing_the_last_membership_removes_every_role():
    user = UserFactory()
    membership = membership_set(user=user, organisation=OrganisationFactory(), role=Membership.Role.COORDINATOR)
    membership_remove(membership=membership)
    user.refresh_from_db()
    assert group_names(user) == set()
    assert not user.is_staff
    assert not is_member(user)
