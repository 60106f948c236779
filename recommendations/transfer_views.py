"""Excel in and out: the status workbook export, and the coordinators' uploads with a preview.

The export takes the list's GET filters and goes through the list's filter set, so the workbook holds
exactly the recommendations the list shows to that person (the public sees public data only).

A selection of more than EXPORT_SYNC_MAX_ROWS recommendations is exported by a background job instead,
and the person is sent to its page. An upload is kept on the default storage and previewed by a job; the
job's page shows the preview, and confirming there starts the job that writes it in one transaction
(see ``transfers``).
"""

import tempfile

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from jobs.models import Job
from partners.access import is_coordinator

from .filters import RecommendationFilter, applied_filters
from .imports.files import max_import_bytes
from .models import Recommendation
from .transfers import (
    EXPORT_KIND,
    IMPORT_KINDS,
    PREVIEW_KIND,
    export_enqueue,
    export_is_large,
    import_confirm,
    import_discard,
    import_may_confirm,
    import_upload,
)
from .workbooks import export_filename, recommendation_status_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STILL_RUNNING = _("Your previous export is still running; wait for it to end before asking for another.")

__all__ = ["applied_filters"]  # kept importable from here for the export command


def export_response(request, queryset, *, filters=(), query: str = "", by_ids: bool = False):
    """The workbook at once when it is small; otherwise a job, and the person is sent to its page.

    The anonymous public cannot own a job: for a large selection they are asked to narrow it. ``by_ids``
    (the admin's selection) hands the job the selected ids rather than the list's filters.
    """
    count = queryset.count()
    if not export_is_large(count):
        return workbook_response(request, queryset, filters=filters)
    if not request.user.is_authenticated:
        return render(
            request,
            "recommendations/export_too_large.html",
            {"count": count, "limit": settings.EXPORT_SYNC_MAX_ROWS, "query": query},
        )
    running = (
        Job.objects.filter(owner=request.user, kind=EXPORT_KIND, state__in=(Job.State.WAITING, Job.State.RUNNING))
        .order_by("created_at", "pk")
        .first()
    )
    if running is not None:
        # One at a time per person: anyone logged in may export, and a queue of large exports from one
        # account would hold the worker (imports included) for everyone.
        messages.info(request, str(STILL_RUNNING))
        return redirect(running)
    ids = list(queryset.order_by().values_list("pk", flat=True)) if by_ids else None
    job = export_enqueue(user=request.user, count=count, site_url=_site_url(request), query=query, ids=ids)
    messages.info(request, gettext("The export runs in the background; this page shows how far it has got."))
    return redirect(job)


def workbook_response(request, queryset, *, filters=()) -> FileResponse:
    """The status workbook of ``queryset`` as a download, limited to what the person may see."""
    visible = Recommendation.objects.visible_to(request.user)
    if queryset.model is Recommendation and queryset.query.where:
        visible = visible.filter(pk__in=queryset.order_by().values("pk"))
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    recommendation_status_workbook(
        visible.order_by(*(queryset.query.order_by or Recommendation._meta.ordering)),
        handle,
        user=request.user,
        filters=filters,
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=export_filename(filters), content_type=XLSX)


class RecommendationExportView(View):
    """``/recommendations/export.xlsx?<the list's filters>``: anyone may export what they may see.

    The public's export holds public data only (the list shows it to anyone); members and
    coordinators get what the list shows them, members-only recommendations included.
    """

    def get(self, request):
        filterset = RecommendationFilter(request.GET or None, request=request)
        return export_response(request, filterset.qs, filters=applied_filters(filterset), query=request.GET.urlencode())


# --- uploads ---------------------------------------------------------------------------------------


class CoordinatorRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Anonymous visitors are sent to log in; signed-in people who are not coordinators get 403."""

    def test_func(self):
        return is_coordinator(self.request.user)


class ImportUploadForm(forms.Form):
    KIND_CHOICES = (
        ("status", _("Status workbook edited by partners (exported from this portal)")),
        ("uhri", _("UN Human Rights Index export (Excel or CSV)")),
    )
    kind = forms.ChoiceField(label=_("What are you uploading?"), choices=KIND_CHOICES, widget=forms.RadioSelect)
    file = forms.FileField(
        label=_("File"),
        help_text=_("An Excel workbook (.xlsx) or a CSV file."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = max_import_bytes()
        if upload.size > limit:
            raise ValidationError(
                _("The file is %(size)s MB; files up to %(limit)s MB can be imported. Split it or filter the export."),
                code="too_large",
                params={"size": f"{upload.size / 1024 / 1024:.1f}", "limit": limit // (1024 * 1024)},
            )
        return upload


def _site_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


class ImportUploadView(CoordinatorRequiredMixin, View):
    """The upload form. A valid file is kept and its preview runs as a job; its page shows the preview."""

    template_name = "recommendations/import_form.html"

    def get(self, request):
        kind = request.GET.get("kind")
        form = ImportUploadForm(initial={"kind": kind if kind in IMPORT_KINDS else "status"})
        return render(request, self.template_name, {"form": form, "limit_mb": max_import_bytes() // (1024 * 1024)})

    def post(self, request):
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form, "limit_mb": max_import_bytes() // (1024 * 1024)})
        job = import_upload(
            user=request.user,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            site_url=_site_url(request),
        )
        return redirect(job)


class PreviewConfirmView(CoordinatorRequiredMixin, View):
    """POST on a finished preview job: "confirm" starts the write job, "cancel" drops the upload.

    The status import's and the translation import's: a subclass names its preview kind, where a discarded
    upload leads, and its service's ``discard``, ``may_confirm`` and ``confirm``."""

    preview_kind = PREVIEW_KIND
    discarded_url = "recommendations:import"

    def discard(self, job, user):
        import_discard(job=job, user=user)

    def may_confirm(self, job, user) -> bool:
        return import_may_confirm(job, user)

    def confirm(self, request, job):
        acknowledged = bool(request.POST.get("acknowledge"))
        if job.data["preview"]["error_count"] and not acknowledged:
            messages.error(request, gettext("Tick the box to confirm that you have seen the errors."))
            return redirect(job)
        write = import_confirm(job=job, user=request.user, acknowledged=acknowledged, site_url=_site_url(request))
        return redirect(write)

    def post(self, request, pk):
        job = get_object_or_404(Job.objects.visible_to(request.user), pk=pk, kind=self.preview_kind)
        if job.owner_id != request.user.pk:
            raise PermissionDenied
        too_late = gettext("This preview was already confirmed or discarded, or has nothing to import.")
        if "cancel" in request.POST:
            try:
                self.discard(job, request.user)
            except PermissionDenied:
                # Confirmed already (in another tab, or a moment ago): its write goes on.
                messages.error(request, too_late)
                return redirect(job)
            messages.info(request, gettext("The upload was discarded; nothing was changed."))
            return redirect(self.discarded_url)
        if not self.may_confirm(job, request.user):
            messages.error(request, too_late)
            return redirect(job)
        return self.confirm(request, job)
