"""Writes that touch several objects: a membership also places the user in the role's group."""

from django.contrib.auth.models import Group
from django.db import transaction

from .access import COORDINATORS_GROUP, MEMBERS_GROUP
from .models import Membership, Organisation


@transaction.atomic
def membership_set(*, user, organisation: Organisation, role: str = Membership.Role.MEMBER) -> Membership:
    """Give the user one role in the organisation and the permissions of that role's group."""
    membership, _ = Membership.objects.update_or_create(user=user, organisation=organisation, defaults={"role": role})
    group_name = COORDINATORS_GROUP if role == Membership.Role.COORDINATOR else MEMBERS_GROUP
    user.groups.add(Group.objects.get(name=group_name))
    if role == Membership.Role.COORDINATOR and not user.is_staff:
        # Coordinators curate from the admin back-office as well as from the portal.
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return membership
