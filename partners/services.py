"""Writes that touch several objects: memberships also decide the user's role groups; reviewing proposed
organisations.

A user's groups follow their memberships: "Coordinators" while any membership has the coordinator
role (with admin access; its permissions include the members'), otherwise "Members" while they have
any membership at all. Changing or removing a
membership therefore takes the rights away as well as granting them.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .access import COORDINATORS_GROUP, MEMBERS_GROUP, is_coordinator
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


def _reviewable(*, organisation: Organisation, user) -> None:
    if not is_coordinator(user):
        raise PermissionDenied
    if not organisation.needs_review:
        raise ValidationError(
            _("“%(name)s” is not waiting for review."), code="not_in_review", params={"name": organisation.name}
        )


@transaction.atomic
def organisation_publish(*, organisation: Organisation, user) -> Organisation:
    """A coordinator publishes an organisation a member proposed: it appears on the public pages."""
    _reviewable(organisation=organisation, user=user)
    organisation.is_public = True
    organisation.needs_review = False
    organisation.full_clean()
    organisation.save(update_fields=["is_public", "needs_review", "updated_at"])
    return organisation


@transaction.atomic
def organisation_keep_members_only(*, organisation: Organisation, user) -> Organisation:
    """A coordinator accepts a proposed organisation without publishing it (members still see and pick it)."""
    _reviewable(organisation=organisation, user=user)
    organisation.needs_review = False
    organisation.full_clean()
    organisation.save(update_fields=["needs_review", "updated_at"])
    return organisation
