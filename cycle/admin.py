"""Back-office of the review calendar: reviews with their deadlines and follow-up paragraphs, rules, CSV upload.

Saving a review (or its follow-up paragraphs) refreshes its computed follow-up deadline through the
service, so a date entered by hand is never overwritten and a computed one follows the rule.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from partners.access import is_coordinator
from partners.admin import (
    URL_FIELD_OVERRIDES,
    PortalAdmin,
    TranslatedHistoryAdmin,
    country_column,
    used_countries_filter,
)

from .forms import CalendarUploadForm
from .imports import calendar_import
from .models import CycleReview, Deadline, FollowUp, FollowUpRule
from .services import follow_up_deadline_sync


class DeadlineInline(TranslationTabularInline):
    model = Deadline
    fk_name = "cycle"
    fields = ("kind", "due_on", "date_precision", "is_computed", "title", "publication", "source_url", "checked_on")
    readonly_fields = ("is_computed",)
    formfield_overrides = URL_FIELD_OVERRIDES
    extra = 0


class FollowUpInline(TranslationStackedInline):
    model = FollowUp
    fields = ("recommendation", "grade", "committee_assessment", "assessed_on", "source_url")
    autocomplete_fields = ("recommendation",)
    formfield_overrides = URL_FIELD_OVERRIDES
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recommendation__review__mechanism")


@admin.register(CycleReview)
class CycleReviewAdmin(TranslatedHistoryAdmin):
    list_display = ("__str__", "state_name", "mechanism", "session", "review_on", "document_symbol", "publication")
    list_filter = ("publication", "mechanism", used_countries_filter("state", _("state")))
    list_select_related = ("mechanism",)
    search_fields = ("session_ru", "session_en", "document_symbol", "notes_ru", "notes_en")
    date_hierarchy = "review_on"
    autocomplete_fields = ("review", "previous_review")
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("state", "mechanism", "publication")}),
        (_("When"), {"fields": ("session", "starts_on", "ends_on", "review_on", "date_precision", "adopted_on")}),
        (_("Documents"), {"fields": ("document_symbol", "review", "previous_review")}),
        (_("Source"), {"fields": ("source_url", "checked_on", "notes")}),
        (_("Record"), {"fields": ("created_at", "updated_at")}),
    )
    inlines = (DeadlineInline, FollowUpInline)
    state_name = country_column("state", _("state"))

    def save_formset(self, request, form, formset, change):
        if formset.model is Deadline:
            # A date a coordinator types in is read from a source: the rule no longer moves it.
            for inline_form in formset.forms:
                if inline_form.instance.pk and "due_on" in inline_form.changed_data:
                    inline_form.instance.is_computed = False
        return super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        deadline = follow_up_deadline_sync(cycle=form.instance)
        if deadline is not None and deadline.is_computed:
            messages.info(
                request,
                gettext("Follow-up report due on %(date)s, computed by the mechanism's rule.")
                % {"date": deadline.due_on.strftime("%d.%m.%Y")},
            )

    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_view)
        return [path("upload/", upload, name="cycle_calendar_upload"), *super().get_urls()]

    def upload_view(self, request):
        """A CSV or Excel file of calendar entries: checked row by row first, written only when it is clean."""
        if not (is_coordinator(request.user) and self.has_add_permission(request)):
            raise PermissionDenied
        result = None
        form = CalendarUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            result = calendar_import(source=upload, name=upload.name, dry_run=form.cleaned_data["dry_run"])
            if result.errors:
                messages.error(request, gettext("Nothing was imported: correct the rows listed below."))
            elif not result.dry_run:
                messages.success(
                    request,
                    gettext("Calendar imported: %(created)s created, %(updated)s updated.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect(reverse("admin:cycle_cyclereview_changelist"))
        context = {**self.admin_site.each_context(request), "form": form, "result": result, "opts": self.model._meta}
        context["title"] = gettext("Import the calendar")
        return render(request, "admin/cycle/upload.html", context)


@admin.register(Deadline)
class DeadlineAdmin(TranslatedHistoryAdmin):
    list_display = ("kind", "state_name", "mechanism", "due_on", "is_computed", "cycle", "publication", "checked_on")
    list_filter = ("publication", "kind", "is_computed", "mechanism", used_countries_filter("state", _("state")))
    list_select_related = ("mechanism", "cycle__mechanism")
    search_fields = ("title_ru", "title_en", "notes_ru", "notes_en", "cycle__document_symbol")
    date_hierarchy = "due_on"
    autocomplete_fields = ("cycle",)
    state_name = country_column("state", _("state"))

    def save_model(self, request, obj, form, change):
        # A date a coordinator types in is read from a source, not computed.
        if "due_on" in form.changed_data:
            obj.is_computed = False
        super().save_model(request, obj, form, change)


@admin.register(FollowUp)
class FollowUpAdmin(TranslatedHistoryAdmin):
    list_display = ("recommendation", "cycle", "grade", "assessed_on")
    list_filter = ("grade", "cycle__mechanism")
    list_select_related = ("cycle__mechanism", "recommendation__review__mechanism")
    search_fields = (
        "recommendation__text_ru",
        "recommendation__text_en",
        "recommendation__paragraph",
        "committee_assessment_ru",
    )
    autocomplete_fields = ("cycle", "recommendation")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        follow_up_deadline_sync(cycle=obj.cycle)


@admin.register(FollowUpRule)
class FollowUpRuleAdmin(PortalAdmin):
    list_display = ("mechanism", "months", "source_url")
    list_select_related = ("mechanism",)
    search_fields = ("mechanism__code", "mechanism__name_ru", "mechanism__name_en")
    autocomplete_fields = ("mechanism",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for cycle in CycleReview.objects.filter(mechanism=obj.mechanism, follow_ups__isnull=False).distinct():
            follow_up_deadline_sync(cycle=cycle)
