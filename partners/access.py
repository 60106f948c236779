"""Who may see and edit what: the role questions every app asks, answered in one place.

A coordinator is an active user in the "Coordinators" group (or a superuser); a member is an active
user with at least one membership. Each model answers visibility with a QuerySet method
``visible_to(user)`` and editing with ``editable_by(user)``; ``can_edit(user, obj)`` is the one entry
point views, templates, admin and exports use.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

COORDINATORS_GROUP = "Coordinators"
MEMBERS_GROUP = "Members"


class Workflow(models.TextChoices):
    """The life of a record that members write and coordinators publish."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


def is_coordinator(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_portal_is_coordinator"):
        user._portal_is_coordinator = user.groups.filter(name=COORDINATORS_GROUP).exists()
    return user._portal_is_coordinator


def organisation_ids(user) -> frozenset:
    """Ids of the organisations the user belongs to (cached on the user for the request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if not hasattr(user, "_portal_organisation_ids"):
        user._portal_organisation_ids = frozenset(user.memberships.values_list("organisation_id", flat=True))
    return user._portal_organisation_ids


def is_member(user) -> bool:
    """Members and coordinators: people who may see members-only records."""
    return is_coordinator(user) or bool(organisation_ids(user))


def can_edit(user, obj) -> bool:
    return bool(obj is not None and obj.editable_by(user))
