"""Template helpers of the members' area: a lock-out duration in words, and an object's change history."""

import datetime

from django import template
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext

from partners.access import can_edit as access_can_edit

register = template.Library()

# Fields that change on every save and say nothing a reader needs.
HISTORY_SKIP_FIELDS = {"updated_at", "created_at"}
HISTORY_LIMIT = 20
# Linked items named in one cell of the history; the rest are counted.
LINKED_SHOWN = 12


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


def _linked_items_by_record(records, fields):
    """For each many-to-many field with history: record id → the set of linked ids it saw.

    One query per field for all the records shown (``diff_against`` would ask two per field and record).
    """
    if not records:
        return {}
    record_ids = [record.history_id for record in records]
    linked = {}
    for field in fields:
        rows = getattr(type(records[0]), field.name).model.objects.filter(history_id__in=record_ids)
        target = f"{field.m2m_reverse_field_name()}_id"
        seen = {history_id: set() for history_id in record_ids}
        for history_id, target_id in rows.values_list("history_id", target):
            seen[history_id].add(target_id)
        linked[field] = seen
    return linked


def _linked_names(ids: set, names: dict) -> str:
    """The linked items' names (an item deleted since is shown by its id)."""
    if not ids:
        return "—"
    labels = sorted(names.get(pk, f"#{pk}") for pk in ids)
    shown = "; ".join(label if len(label) <= 80 else label[:79] + "…" for label in labels[:LINKED_SHOWN])
    if len(labels) > LINKED_SHOWN:
        shown += " " + gettext("… and %(count)d more") % {"count": len(labels) - LINKED_SHOWN}
    return shown


@register.simple_tag
def object_history(obj, limit=HISTORY_LIMIT):
    """The latest changes of ``obj`` (newest first): who, when, what kind, and each field's old and new value.

    Uses django-simple-history's ``diff_against`` between each record and the one before it for the fields;
    linked items registered with ``m2m_fields`` are compared here from one query per relation.
    """
    history = getattr(obj, "history", None)
    if history is None:
        return []
    records = list(history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    meta = obj._meta
    m2m_fields = list(getattr(records[0], "_history_m2m_fields", ())) if records else []
    linked = _linked_items_by_record(records, m2m_fields)
    # Names of every linked item that appears, one query per relation.
    names = {}
    for field in m2m_fields:
        ids = set().union(*linked[field].values())
        names[field] = {item.pk: str(item) for item in field.related_model._default_manager.filter(pk__in=ids)}
    skip = HISTORY_SKIP_FIELDS | {field.name for field in m2m_fields}
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=skip)
            for change in delta.changes:
                try:
                    field = meta.get_field(change.field)
                except Exception:  # a field removed since the record was written
                    field, label = None, change.field
                else:
                    label = field.verbose_name
                changes.append({"field": label, "old": _display(field, change.old), "new": _display(field, change.new)})
            for field in m2m_fields:
                old, new = linked[field][previous.history_id], linked[field][record.history_id]
                if old != new:
                    changes.append(
                        {
                            "field": field.verbose_name,
                            "old": _linked_names(old, names[field]),
                            "new": _linked_names(new, names[field]),
                        }
                    )
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
