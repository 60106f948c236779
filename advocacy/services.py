"""Writes on advocacy events: members record, edit, submit and withdraw; coordinators publish.

Nothing a member does deletes an event: withdrawing keeps the record and its history. Each service
checks the one access rule (``can_edit``), calls ``full_clean`` and runs in one transaction.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from partners.access import Workflow, can_edit, is_coordinator, is_member, organisation_ids
from partners.models import Organisation

from .models import Event, EventParticipant

# Plain fields a member writes; the translated ones in each language (place and forum in the page's).
EVENT_FIELDS = (
    "kind",
    "starts_on",
    "ends_on",
    "place",
    "country",
    "forum",
    "title_ru",
    "title_en",
    "title_ky",
    "description_ru",
    "description_en",
    "description_ky",
    "outcome_ru",
    "outcome_en",
    "outcome_ky",
    "visibility",
)
EVENT_RELATIONS = ("organisers", "addressed_bodies", "reports_presented", "recommendations_promoted")


def _check_owner(*, user, owner: Organisation) -> None:
    if owner is None:
        raise ValidationError({"owner": _("Choose the organisation that records this action.")}, code="no_owner")
    if not is_coordinator(user) and owner.pk not in organisation_ids(user):
        raise PermissionDenied


def _apply(*, event: Event, fields: dict, relations: dict, participants) -> Event:
    for name, value in fields.items():
        if name not in EVENT_FIELDS:
            raise ValueError(f"{name} is not a field a member writes")
        setattr(event, name, value)
    event.full_clean()
    event.save()
    for name, objects in relations.items():
        if name not in EVENT_RELATIONS:
            raise ValueError(f"{name} is not a relation a member writes")
        getattr(event, name).set(objects)
    if participants is not None:
        wanted = {organisation.pk for organisation in participants}
        event.participations.exclude(organisation_id__in=wanted).delete()
        present = set(event.participations.values_list("organisation_id", flat=True))
        for organisation in participants:
            if organisation.pk not in present:
                participation = EventParticipant(event=event, organisation=organisation)
                participation.full_clean()
                participation.save()
    return event


@transaction.atomic
def event_create(
    *,
    user,
    owner: Organisation,
    fields: dict,
    relations: dict | None = None,
    participants=None,
    submit: bool = False,
) -> Event:
    """Record an action for the user's organisation, as a draft (or straight into review)."""
    if not is_member(user):
        raise PermissionDenied
    _check_owner(user=user, owner=owner)
    event = Event(owner=owner, recorded_by=user, status=Workflow.IN_REVIEW if submit else Workflow.DRAFT)
    return _apply(event=event, fields=fields, relations=relations or {}, participants=participants)


@transaction.atomic
def event_update(
    *,
    event: Event,
    user,
    fields: dict,
    relations: dict | None = None,
    participants=None,
    owner: Organisation | None = None,
    submit: bool = False,
) -> Event:
    """Change an event; a member's change to a published event sends it back to review."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not can_edit(user, event):
        raise PermissionDenied
    if event.status == Workflow.WITHDRAWN:
        raise ValidationError(_("A withdrawn action cannot be changed."), code="withdrawn")
    if owner is not None and owner.pk != event.owner_id:
        _check_owner(user=user, owner=owner)
        event.owner = owner
    sent_by_member = submit and event.status == Workflow.DRAFT
    # A member's change to a published action is read by a coordinator before the public sees it.
    changed_after_publication = event.status == Workflow.PUBLISHED and not is_coordinator(user)
    if sent_by_member or changed_after_publication:
        event.status = Workflow.IN_REVIEW
    return _apply(event=event, fields=fields, relations=relations or {}, participants=participants)


@transaction.atomic
def event_submit(*, event: Event, user) -> Event:
    """A draft goes to the coordinators' queue."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not can_edit(user, event):
        raise PermissionDenied
    if event.status != Workflow.DRAFT:
        raise ValidationError(
            _("Only a draft can be sent for review; this action is %(status)s."),
            code="not_draft",
            params={"status": event.get_status_display().lower()},
        )
    event.status = Workflow.IN_REVIEW
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def event_withdraw(*, event: Event, user) -> Event:
    """Take an action off the portal without deleting it; its history stays."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not can_edit(user, event):
        raise PermissionDenied
    if event.status == Workflow.WITHDRAWN:
        return event
    event.status = Workflow.WITHDRAWN
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def event_publish(*, event: Event, user) -> Event:
    """Publish the event; who sees it then follows its visibility (public or members only).

    The admin's "publish" action and the coordinators' review queue both call this.
    """
    if not is_coordinator(user):
        raise PermissionDenied
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == Workflow.WITHDRAWN:
        # Its organisation took it off the portal; publishing it would overrule them.
        raise ValidationError(
            _("This action was withdrawn by its organisation and cannot be published."), code="withdrawn"
        )
    event.status = Workflow.PUBLISHED
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def event_return_to_draft(*, event: Event, user, comment: str) -> Event:
    """A coordinator sends an action in review back to its organisation, saying what to change.

    The comment stays on the action (``review_comment``, shown on the members' home page) until the next
    decision replaces it; the history keeps every earlier one.
    """
    if not is_coordinator(user):
        raise PermissionDenied
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != Workflow.IN_REVIEW:
        raise ValidationError(
            _("Only an action in review can be returned to draft; this action is %(status)s."),
            code="not_in_review",
            params={"status": event.get_status_display().lower()},
        )
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            _("Say what should change: the comment is what the member will read."), code="comment_required"
        )
    event.status = Workflow.DRAFT
    event.review_comment = comment
    event.full_clean()
    event.save()
    return event


def _unique_slug(name: str) -> str:
    base = slugify(name)[:100] or "organisation"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def organisation_add(*, user, name: str, kind: str, country: str = "", website: str = "") -> Organisation:
    """A member adds an organisation that took part in (or was addressed by) an action and was missing.

    A member only proposes it: it stays members-only (they can pick it in their forms) and waits in the
    coordinators' review queue until one publishes it. A coordinator's addition is public at once.
    """
    if not is_member(user):
        raise PermissionDenied
    name = name.strip()
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    reviewed = is_coordinator(user)
    organisation = Organisation(
        name=name,
        slug=_unique_slug(name),
        kind=kind,
        country=country,
        website=website,
        is_platform_member=False,
        is_public=reviewed,
        needs_review=not reviewed,
        proposed_by=user,
    )
    organisation.full_clean()
    organisation.save()
    return organisation


def event_dates_check(starts_on: datetime.date | None, ends_on: datetime.date | None) -> None:
    """The rule forms show before the database's check constraint would refuse the row."""
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError(
            _("The action cannot end (%(ends)s) before it starts (%(starts)s)."),
            code="dates_out_of_order",
            params={"ends": ends_on.strftime("%d.%m.%Y"), "starts": starts_on.strftime("%d.%m.%Y")},
        )
