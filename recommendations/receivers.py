"""What the recommendations app does when a membership changes: exported workbooks go with the old role.

A workbook made as a job is kept for JOB_RESULT_DAYS; it holds what its owner's role let them see when it
was made. Once that role is removed, lowered or moved to another organisation, the file must not stay
downloadable (the job page is still theirs), so it is deleted.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from partners.models import Membership

from .transfers import export_results_drop


@receiver(pre_save, sender=Membership, dispatch_uid="recommendations.membership_before")
def _remember_role(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._role_before = (
        Membership.objects.filter(pk=instance.pk).values_list("role", "organisation_id", "user_id").first()
    )


@receiver(post_save, sender=Membership, dispatch_uid="recommendations.membership_changed")
def _membership_changed(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "_role_before", None)
    if raw or created or before is None:
        return
    if before != (instance.role, instance.organisation_id, instance.user_id):
        export_results_drop(user_id=before[2])


@receiver(post_delete, sender=Membership, dispatch_uid="recommendations.membership_removed")
def _membership_removed(sender, instance, **kwargs):
    export_results_drop(user_id=instance.user_id)
