"""Jobs a person follows (owner, progress, result file) and the workers' heartbeats.

This app is on the ground floor and knows nothing of the domain: a job has a ``kind`` such as
``recommendations.export`` that only its app interprets, a free-form ``data`` dictionary for what that
app wants to show on the job page, and files on the default storage (so that a worker on another host,
or S3, serves as well as the local disk). The work itself runs as a task of Django's task API; a job
row points to the task result it belongs to.
"""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


def sees_all_jobs(user) -> bool:
    """Whether a person may see everyone's jobs: ``JOBS_SEE_ALL`` names the rule (the portal's coordinators)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    rule = getattr(settings, "JOBS_SEE_ALL", "")
    return import_string(rule)(user) if rule else user.is_superuser


class JobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A person's own jobs; everyone's for those who see all (coordinators); none for the anonymous."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self if sees_all_jobs(user) else self.filter(owner=user)

    def finished(self):
        return self.filter(state__in=(Job.State.DONE, Job.State.FAILED))


def result_path(job, filename):
    # A folder per job: two jobs' files never collide, and names stay readable for the download.
    return f"jobs/{job.pk or 'new'}/{filename}"


def source_path(job, filename):
    return f"jobs/uploads/{filename}"


class Job(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="jobs"
    )
    kind = models.CharField(_("kind"), max_length=80)
    label = models.CharField(_("label"), max_length=255)
    # The owner's language when the job was asked for: its messages, files and e-mail are written in it.
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)
    state = models.CharField(pgettext_lazy("job", "state"), max_length=10, choices=State.choices, default=State.WAITING)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    rows_total = models.PositiveIntegerField(_("rows in all"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked for"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    source_file = models.FileField(_("uploaded file"), upload_to=source_path, max_length=255, blank=True)
    result_file = models.FileField(_("result file"), upload_to=result_path, max_length=255, blank=True)
    result_name = models.CharField(_("result file name"), max_length=200, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    error = models.TextField(_("why it failed"), blank=True)
    task_result_id = models.CharField(_("task result id"), max_length=64, blank=True, db_index=True)
    worker_id = models.CharField(_("worker id"), max_length=64, blank=True)
    site_url = models.CharField(_("site address"), max_length=200, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ("-created_at", "-pk")
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="jobs_owner_created"),
            models.Index(fields=["state"], name="jobs_state"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.label}"

    def get_absolute_url(self):
        return reverse("jobs:detail", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def duration(self) -> datetime.timedelta | None:
        if not self.started_at:
            return None
        return (self.finished_at or timezone.now()) - self.started_at

    @property
    def duration_display(self) -> str:
        """ "1 h 02 min 05 s", "3 min 20 s", "42 s": the time taken (or so far), in the active language."""
        duration = self.duration
        if duration is None:
            return ""
        seconds = max(0, int(duration.total_seconds()))
        hours, rest = divmod(seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        if hours:
            return gettext("%(hours)d h %(minutes)02d min %(seconds)02d s") % {
                "hours": hours,
                "minutes": minutes,
                "seconds": seconds,
            }
        if minutes:
            return gettext("%(minutes)d min %(seconds)02d s") % {"minutes": minutes, "seconds": seconds}
        return gettext("%(seconds)d s") % {"seconds": seconds}

    @property
    def percent(self) -> int | None:
        if not self.rows_total:
            return None
        return min(100, int(self.rows_done * 100 / self.rows_total))

    @property
    def kept_until(self) -> datetime.datetime | None:
        if not self.finished_at:
            return None
        return self.finished_at + datetime.timedelta(days=settings.JOB_RESULT_DAYS)


class WorkerHeartbeat(models.Model):
    """One row per running worker, touched every few seconds: /healthz reads it, and so does the worker that
    looks for jobs whose worker is gone (a row of a host that cannot be reached is as good as any)."""

    worker_id = models.CharField(_("worker id"), max_length=64, primary_key=True)
    hostname = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    seen_at = models.DateTimeField(_("last seen"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return f"{self.hostname}:{self.pid} ({self.worker_id})"
