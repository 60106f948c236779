"""Writes that touch several objects: publishing a report makes its proposed asks public too."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.access import Workflow, is_coordinator

from .models import Report


@transaction.atomic
def report_publish(*, report: Report, user) -> Report:
    if not is_coordinator(user):
        raise PermissionDenied
    report.status = Workflow.PUBLISHED
    if report.published_on is None:
        report.published_on = timezone.localdate()
    report.full_clean()
    report.save()
    report.proposed_recommendations.filter(is_public=False).update(is_public=True)
    return report


@transaction.atomic
def report_return_to_draft(*, report: Report, user, comment: str) -> Report:
    """A coordinator sends a report in review back to its authors with a comment (kept in ``review_comment``)."""
    if not is_coordinator(user):
        raise PermissionDenied
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Workflow.IN_REVIEW:
        raise ValidationError(
            _("Only a report in review can be returned to draft; this report is %(status)s."),
            code="not_in_review",
            params={"status": report.get_status_display().lower()},
        )
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            _("Say what should change: the comment is what the authors will read."), code="comment_required"
        )
    report.status = Workflow.DRAFT
    report.review_comment = comment
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_set_status(*, report: Report, user, status: str) -> Report:
    """Move a report through draft → in review (members), or withdraw it; publishing is report_publish."""
    if status == Workflow.PUBLISHED:
        return report_publish(report=report, user=user)
    if not report.editable_by(user):
        raise PermissionDenied
    report.status = status
    report.full_clean()
    report.save()
    return report
