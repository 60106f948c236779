"""Writes that touch several objects: proposing, confirming and rejecting status assessments.

The recommendation's current status is derived state: it is written only here, in the transaction
that confirms (or rejects) an assessment, from the latest confirmed assessment. Assessments are
never overwritten; a new judgement is a new row.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.access import is_coordinator, organisation_ids

from .models import Recommendation, Status, StatusAssessment


def recommendation_refresh_status(*, recommendation: Recommendation) -> Recommendation:
    """Set the stored status from the latest confirmed assessment (by date, then by entry)."""
    latest = recommendation.assessments.latest_confirmed_first().first()
    recommendation.status = latest.status if latest else Status.NOT_ASSESSED
    recommendation.status_date = latest.assessed_on if latest else None
    recommendation.save(update_fields=["status", "status_date", "updated_at"])
    return recommendation


@transaction.atomic
def assessment_propose(
    *,
    recommendation: Recommendation,
    user,
    status: str,
    assessed_on: datetime.date,
    evidence: str = "",
    source_url: str = "",
    source_file=None,
    organisation=None,
) -> StatusAssessment:
    """A member proposes a judgement; it changes nothing until a coordinator confirms it."""
    if organisation is not None and organisation.pk not in organisation_ids(user) and not is_coordinator(user):
        raise PermissionDenied
    assessment = StatusAssessment(
        recommendation=recommendation,
        status=status,
        assessed_on=assessed_on,
        evidence=evidence,
        source_url=source_url,
        organisation=organisation,
        proposed_by=user,
        state=StatusAssessment.State.PROPOSED,
    )
    if source_file:
        assessment.source_file = source_file
    assessment.full_clean()
    assessment.save()
    return assessment


def _decide(*, assessment: StatusAssessment, user, state: str, comment: str) -> StatusAssessment:
    if not is_coordinator(user):
        raise PermissionDenied
    assessment = StatusAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.state != StatusAssessment.State.PROPOSED:
        raise ValidationError(
            _("This assessment has already been %(state)s."),
            code="already_decided",
            params={"state": assessment.get_state_display().lower()},
        )
    assessment.state = state
    assessment.reviewed_by = user
    assessment.reviewed_at = timezone.now()
    assessment.review_comment = comment
    assessment.full_clean()
    assessment.save()
    recommendation_refresh_status(recommendation=assessment.recommendation)
    return assessment


@transaction.atomic
def assessment_confirm(*, assessment: StatusAssessment, user, comment: str = "") -> StatusAssessment:
    return _decide(assessment=assessment, user=user, state=StatusAssessment.State.CONFIRMED, comment=comment)


@transaction.atomic
def assessment_reject(*, assessment: StatusAssessment, user, comment: str = "") -> StatusAssessment:
    return _decide(assessment=assessment, user=user, state=StatusAssessment.State.REJECTED, comment=comment)


@transaction.atomic
def assessment_record(
    *,
    recommendation: Recommendation,
    user,
    status: str,
    assessed_on: datetime.date,
    evidence: str = "",
    source_url: str = "",
    organisation=None,
) -> StatusAssessment:
    """A coordinator records a confirmed assessment directly (imports, the workbook round trip)."""
    if not is_coordinator(user):
        raise PermissionDenied
    assessment = StatusAssessment(
        recommendation=recommendation,
        status=status,
        assessed_on=assessed_on,
        evidence=evidence,
        source_url=source_url,
        organisation=organisation,
        proposed_by=user,
        reviewed_by=user,
        reviewed_at=timezone.now(),
        state=StatusAssessment.State.CONFIRMED,
    )
    assessment.full_clean()
    assessment.save()
    recommendation_refresh_status(recommendation=recommendation)
    return assessment
