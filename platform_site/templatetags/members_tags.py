"""Template helpers of the members' area: a lock-out duration in words, and an object's change history."""

import datetime

from django import template
from django.utils import timezone
from django.utils.timesince import timeuntil

from partners.access import can_edit as access_can_edit

register = template.Library()

# Fields that change on every save and say nothing a reader needs.
HISTORY_SKIP_FIELDS = {"updated_at", "created_at"}
HISTORY_LIMIT = 20


@register.filter
def duration_words(value):
    """A timedelta in the visitor's language ("1 hour", "30 minutes")."""
    if not isinstance(value, datetime.timedelta):
        return value
    now = timezone.now()
    return timeuntil(now + value, now)


def _display(field, value):
    if value in (None, ""):
        return "—"
    if getattr(field, "choices", None):
        return dict(field.flatchoices).get(value, value)
    text = str(value)
    return text if len(text) <= 160 else text[:159] + "…"


@register.simple_tag
def object_history(obj, limit=HISTORY_LIMIT):
    """The latest changes of ``obj`` (newest first): who, when, what kind, and each field's old and new value.

    Uses django-simple-history's ``diff_against`` between each record and the one before it.
    """
    history = getattr(obj, "history", None)
    if history is None:
        return []
    records = list(history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    meta = obj._meta
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=HISTORY_SKIP_FIELDS)
            for change in delta.changes:
                try:
                    field = meta.get_field(change.field)
                except Exception:  # a field removed since the record was written
                    field, label = None, change.field
                else:
                    label = field.verbose_name
                changes.append({"field": label, "old": _display(field, change.old), "new": _display(field, change.new)})
        entries.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "type": record.get_history_type_display(),
                "type_code": record.history_type,
                "changes": changes,
                "first": previous is None,
            }
        )
    return entries


@register.filter
def can_edit(user, obj):
    """``{% if user|can_edit:object %}``: the one access rule (partners.access.can_edit), asked by templates."""
    return access_can_edit(user, obj)
