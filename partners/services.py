"""Writes that touch several objects: memberships also decide the user's role groups.

A user's groups follow their memberships: "Coordinators" while any membership has the coordinator
role (with admin access; its permissions include the members'), otherwise "Members" while they have
any membership at all. Changing or removing a
membership therefore takes the rights away as well as granting them.
"""

from django.contrib.auth.models import Group
from django.db import transaction

from .access import COORDINATORS_GROUP, MEMBERS_GROUP
from .models import Membership, Organisation


def user_sync_roles(*, user) -> None:
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    coordinators = Group.objects.get(name=COORDINATORS_GROUP)
    members = Group.objects.get(name=MEMBERS_GROUP)
    is_coordinator = Membership.Role.COORDINATOR in roles
    (user.groups.add if is_coordinator else user.groups.remove)(coordinators)
    (user.groups.add if roles and not is_coordinator else user.groups.remove)(members)
    if not user.is_superuser and user.is_staff != is_coordinator:
        # Coordinators curate from the admin back-office as well as from the portal; nobody else does.
        user.is_staff = is_coordinator
        user.save(update_fields=["is_staff"])
    for cached in ("_portal_is_coordinator", "_portal_organisation_ids", "_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(cached, None)


@transaction.atomic
def membership_set(*, user, organisation: Organisation, role: str = Membership.Role.MEMBER) -> Membership:
    """Give the user one role in the organisation and the permissions that role carries."""
    membership, _ = Membership.objects.update_or_create(user=user, organisation=organisation, defaults={"role": role})
    user_sync_roles(user=user)
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    user = membership.user
    membership.delete()
    user_sync_roles(user=user)
