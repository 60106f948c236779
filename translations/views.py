"""The coordinators' translation pages: what lacks a language, its workbook, and the filled workbook's upload.

Anonymous visitors are sent to log in; members who are not coordinators get 403, as on the other
coordinators' pages (``CoordinatorRequiredMixin``).
"""

import tempfile

from django import forms
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from recommendations.imports.files import max_import_bytes
from recommendations.transfer_views import XLSX, CoordinatorRequiredMixin, ImportUploadForm, PreviewConfirmView

from .imports import PREVIEW_KIND, may_confirm, translations_confirm, translations_discard, translations_upload
from .inventory import kinds, language_label, languages, missing_counts, missing_records
from .workbook import translation_workbook, workbook_filename

RECORDS_SHOWN = 100


class TranslationUploadForm(forms.Form):
    file = ImportUploadForm.base_fields["file"]
    overwrite = forms.BooleanField(
        label=_("Overwrite texts already translated in the portal"),
        required=False,
        help_text=_("Unticked, a row is written only where the field is still empty."),
    )

    clean_file = ImportUploadForm.clean_file


def _language(request) -> str:
    code = request.GET.get("language", "")
    return code if code in languages() else languages()[-1]


class TranslationOverviewView(CoordinatorRequiredMixin, View):
    """``/translations/``: counts by kind, field and language; with ``?kind=&field=&language=`` the records."""

    template_name = "translations/overview.html"

    def context(self, request, form=None):
        context = {
            "counts": missing_counts(request.user),
            "languages": [(code, language_label(code)) for code in languages()],
            "target": _language(request),
            "form": form or TranslationUploadForm(),
            "limit_mb": max_import_bytes() // (1024 * 1024),
        }
        kind = kinds().get(request.GET.get("kind", ""))
        field = request.GET.get("field", "")
        if kind is not None and field in kind.fields and request.GET.get("language") in languages():
            # Every non-null foreign key joined: a record's name may read its review or organisation.
            missing = missing_records(request.user, kind, field, context["target"]).select_related()
            records = list(missing[: RECORDS_SHOWN + 1])
            context["selected"] = {
                "kind": kind,
                "field_label": kind.field_label(field),
                "language_label": language_label(context["target"]),
                "records": [(obj, kind.url(obj), getattr(obj, field)) for obj in records[:RECORDS_SHOWN]],
                "more": len(records) > RECORDS_SHOWN,
            }
        return context

    def get(self, request):
        return render(request, self.template_name, self.context(request))

    def post(self, request):
        form = TranslationUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, self.context(request, form), status=400)
        job = translations_upload(
            user=request.user,
            upload=form.cleaned_data["file"],
            overwrite=form.cleaned_data["overwrite"],
            site_url=request.build_absolute_uri("/"),
        )
        return redirect(job)


class TranslationExportView(CoordinatorRequiredMixin, View):
    """``/translations/export.xlsx?language=ky[&kind=reports.report]``: the texts that language lacks.

    Written in the request: the content is written by people (a few thousand texts at most), unlike the
    200,000 recommendations of the status export."""

    def get(self, request):
        language = request.GET.get("language", "")
        if language not in languages():
            raise Http404
        kind_keys = [key for key in request.GET.getlist("kind") if key in kinds()] or None
        handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
        translation_workbook(request.user, language, handle, kind_keys)
        handle.seek(0)
        return FileResponse(handle, as_attachment=True, filename=workbook_filename(language), content_type=XLSX)


class TranslationConfirmView(PreviewConfirmView):
    """POST on a finished preview job: "confirm" starts the write job, "cancel" drops the upload."""

    preview_kind = PREVIEW_KIND
    discarded_url = "translations:overview"

    def discard(self, job, user):
        translations_discard(job=job, user=user)

    def may_confirm(self, job, user) -> bool:
        return may_confirm(job, user)

    def confirm(self, request, job):
        return redirect(translations_confirm(job=job, user=request.user, site_url=request.build_absolute_uri("/")))
