"""Writes that touch several objects: publishing a report makes its proposed asks public too."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

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
