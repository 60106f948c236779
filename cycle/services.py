"""Writes of the review calendar: the follow-up due date computed by the mechanism's rule, follow-up selection.

A follow-up due date entered by a coordinator (a deadline of kind "follow-up report" that is not computed)
always wins; otherwise the date is computed from the review's adoption date by the mechanism's rule and
stored as a deadline marked computed, so the calendar, the feed and the digests treat it like any other.
"""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from recommendations.models import Mechanism, Recommendation

from .models import CycleReview, Deadline, FollowUp, FollowUpRule

# The rule where none is stored: treaty bodies ask for an answer within a year (CMW and CEDAW's two years
# are stored as rules, by load_demo and the admin); other mechanisms have no follow-up procedure.
DEFAULT_TREATY_BODY_MONTHS = 12


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the month's last day where that day does not exist)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def follow_up_months(mechanism: Mechanism) -> int | None:
    rule = FollowUpRule.objects.filter(mechanism=mechanism).first()
    if rule is not None:
        return rule.months
    return DEFAULT_TREATY_BODY_MONTHS if mechanism.kind == Mechanism.Kind.TREATY_BODY else None


def follow_up_due_date(cycle: CycleReview) -> datetime.date | None:
    """The date computed by rule, or None where the adoption date or the rule is unknown."""
    adopted = cycle.adoption_date()
    months = follow_up_months(cycle.mechanism)
    if adopted is None or months is None:
        return None
    return add_months(adopted, months)


@transaction.atomic
def follow_up_deadline_sync(*, cycle: CycleReview) -> Deadline | None:
    """Keep a review's computed follow-up deadline; an entered one stays as it is.

    Treaty bodies ask every state to report back on a few paragraphs, so the date is computed whenever the
    rule and the adoption date (or the session's last day) are known, before the paragraphs are marked.
    """
    deadlines = cycle.deadlines.filter(kind=Deadline.Kind.FOLLOW_UP_REPORT)
    entered = deadlines.filter(is_computed=False).first()
    computed = deadlines.filter(is_computed=True).first()
    if entered is not None:
        if computed is not None:
            computed.delete()
        return entered
    due = follow_up_due_date(cycle)
    if due is None:
        if computed is not None:
            computed.delete()
        return None
    deadline = computed or Deadline(cycle=cycle, kind=Deadline.Kind.FOLLOW_UP_REPORT, is_computed=True)
    values = {
        "state": cycle.state,
        "mechanism": cycle.mechanism,
        "due_on": due,
        "publication": cycle.publication,
        "checked_on": cycle.checked_on,
        "source_url": cycle.source_url,
    }
    if deadline.pk and all(getattr(deadline, name) == value for name, value in values.items()):
        return deadline
    for name, value in values.items():
        setattr(deadline, name, value)
    deadline.full_clean()
    deadline.save()
    return deadline


def follow_up_deadline(cycle: CycleReview) -> Deadline | None:
    """The follow-up due date of a review: the entered deadline first, else the computed one."""
    deadlines = [d for d in cycle.deadlines.all() if d.kind == Deadline.Kind.FOLLOW_UP_REPORT]
    deadlines.sort(key=lambda d: d.is_computed)
    return deadlines[0] if deadlines else None


@transaction.atomic
def follow_up_select(*, cycle: CycleReview, recommendations: list[Recommendation]) -> list[FollowUp]:
    """Mark the paragraphs the committee selected for follow-up (those of the review's own recommendations)."""
    if cycle.review_id is None:
        raise ValidationError(
            _("Link the recorded review first: follow-up paragraphs are among its recommendations."),
            code="no_review",
        )
    foreign = [rec for rec in recommendations if rec.review_id != cycle.review_id]
    if foreign:
        raise ValidationError(
            _("Recommendation %(id)s belongs to another review."), code="other_review", params={"id": foreign[0].pk}
        )
    follow_ups = [FollowUp.objects.get_or_create(cycle=cycle, recommendation=rec)[0] for rec in recommendations]
    follow_up_deadline_sync(cycle=cycle)
    return follow_ups
