"""Excel in and out: the status workbook export, and the coordinators' uploads with a preview.

The export takes the list's GET filters and goes through the list's filter set, so the workbook holds
exactly the recommendations the list shows to that person (the public sees public data only).

An upload is kept between preview and confirmation under MEDIA_ROOT/imports/ with a random name that
only the uploader's session knows; confirming reads it again, writes in one transaction and deletes it.
"""

import secrets
import tempfile
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from partners.access import is_coordinator

from .filters import RecommendationFilter
from .imports.files import FileRejected, max_import_bytes
from .imports.status import status_import, status_plan
from .imports.uhri import MAX_ERRORS_SHOWN, uhri_import, uhri_plan
from .models import Recommendation
from .workbooks import export_filename, recommendation_status_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "recommendation_import"
STALE_SECONDS = 24 * 3600
PREVIEW_ROWS = 500


def applied_filters(filterset) -> list[tuple[str, str]]:
    """(label, value) of each filter given a value, for the workbook's summary and its file name."""
    if not filterset.is_bound or not filterset.form.is_valid():
        return []
    pairs = []
    for name, filter_ in filterset.filters.items():
        value = filterset.form.cleaned_data.get(name)
        if value in (None, "", []):
            continue
        field = filterset.form.fields[name]
        choices = dict(getattr(field, "choices", ()) or ())
        shown = choices.get(value, value) if not hasattr(value, "pk") else value
        pairs.append((str(filter_.label or name), str(shown)))
    return pairs


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
        return workbook_response(request, filterset.qs, filters=applied_filters(filterset))


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


def _imports_dir() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _remove_stale(folder: Path):
    cutoff = time.time() - STALE_SECONDS
    for path in folder.glob("*.upload"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            pass


def _stored(request):
    """The session's pending upload as (kind, path, original name), or None."""
    pending = request.session.get(SESSION_KEY)
    if not pending:
        return None
    token = pending.get("token", "")
    if not token.isalnum():
        return None
    path = _imports_dir() / f"{token}.upload"
    if not path.exists():
        return None
    return pending["kind"], path, pending.get("name", "")


def _forget(request):
    stored = _stored(request)
    if stored:
        stored[1].unlink(missing_ok=True)
    request.session.pop(SESSION_KEY, None)


class ImportUploadView(CoordinatorRequiredMixin, View):
    template_name = "recommendations/import_form.html"

    def get(self, request):
        kind = request.GET.get("kind")
        form = ImportUploadForm(initial={"kind": kind if kind in ("status", "uhri") else "status"})
        return render(request, self.template_name, {"form": form, "limit_mb": max_import_bytes() // (1024 * 1024)})

    def post(self, request):
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form, "limit_mb": max_import_bytes() // (1024 * 1024)})
        _forget(request)
        folder = _imports_dir()
        _remove_stale(folder)
        token = secrets.token_hex(16)
        with open(folder / f"{token}.upload", "wb") as out:
            for chunk in form.cleaned_data["file"].chunks():
                out.write(chunk)
        request.session[SESSION_KEY] = {
            "token": token,
            "kind": form.cleaned_data["kind"],
            "name": Path(form.cleaned_data["file"].name).name[:200],
        }
        return redirect("recommendations:import_preview")


class ImportPreviewView(CoordinatorRequiredMixin, View):
    """GET shows what the upload would change; POST with "confirm" writes it, with "cancel" drops it."""

    template_name = "recommendations/import_preview.html"

    def _plan(self, request, kind, path, name):
        if kind == "uhri":
            return uhri_plan(path, name=name)
        return status_plan(path, user=request.user, name=name)

    def get(self, request):
        stored = _stored(request)
        if stored is None:
            messages.info(request, _gettext("Upload a file first."))
            return redirect("recommendations:import")
        kind, path, name = stored
        try:
            plan = self._plan(request, kind, path, name)
        except FileRejected as error:
            _forget(request)
            return render(request, self.template_name, {"kind": kind, "name": name, "rejected": error.messages})
        return render(request, self.template_name, self._context(kind, name, plan))

    def _context(self, kind, name, plan, acknowledge_error=False):
        context = {
            "kind": kind,
            "name": name,
            "plan": plan,
            "errors": plan.errors[:MAX_ERRORS_SHOWN],
            "errors_hidden": max(0, len(plan.errors) - MAX_ERRORS_SHOWN),
            "acknowledge_error": acknowledge_error,
            "preview_rows": PREVIEW_ROWS,
        }
        if kind == "uhri":
            changed = [r for r in plan.records if r.action != "unchanged"]
            context["records"] = changed[:PREVIEW_ROWS]
            context["records_hidden"] = max(0, len(changed) - PREVIEW_ROWS)
            context["summary"] = plan.summary()
            context["has_changes"] = bool(changed)
        else:
            context["changes"] = plan.changes
            context["has_changes"] = bool(plan.changes)
        return context

    def post(self, request):
        stored = _stored(request)
        if stored is None:
            messages.info(request, _gettext("Upload a file first."))
            return redirect("recommendations:import")
        kind, path, name = stored
        if "cancel" in request.POST:
            _forget(request)
            messages.info(request, _gettext("The upload was discarded; nothing was changed."))
            return redirect("recommendations:import")
        try:
            plan = self._plan(request, kind, path, name)
        except FileRejected as error:
            _forget(request)
            return render(request, self.template_name, {"kind": kind, "name": name, "rejected": error.messages})
        if plan.errors and not request.POST.get("acknowledge"):
            return render(request, self.template_name, self._context(kind, name, plan, acknowledge_error=True))
        if kind == "uhri":
            result = uhri_import(plan=plan, user=request.user)
            messages.success(
                request,
                _gettext(
                    "UHRI import done: %(created)s new, %(updated)s updated, %(unchanged)s unchanged, "
                    "%(skipped)s rows with errors skipped."
                )
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "skipped": result.skipped,
                },
            )
        else:
            recorded = status_import(plan=plan, user=request.user)
            messages.success(
                request,
                _gettext("%(count)s new status assessments recorded; %(unchanged)s rows unchanged.")
                % {"count": len(recorded), "unchanged": plan.unchanged},
            )
        _forget(request)
        return HttpResponseRedirect(reverse("recommendations:list"))
