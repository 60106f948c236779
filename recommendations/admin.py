"""Back-office for the UN index's vocabularies, mechanisms, reviews, recommendations and assessments.

Assessment history is never overwritten: a confirmed or rejected assessment is read-only everywhere
(``StatusAssessment.editable_by`` says so), and confirming goes through ``assessment_confirm`` so
that the recommendation's stored status follows in the same transaction.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportActionMixin

from partners.admin import (
    FILE_FIELD_OVERRIDES,
    URL_FIELD_OVERRIDES,
    PortalAdmin,
    TranslatedHistoryAdmin,
    country_column,
    used_countries_filter,
)

from .models import AffectedGroup, Mechanism, Recommendation, Review, SdgTarget, StatusAssessment, Theme
from .resources import RecommendationStatusResource
from .services import assessment_confirm, assessment_reject


@admin.register(Theme, AffectedGroup)
class VocabularyAdmin(TranslatedHistoryAdmin):
    list_display = ("name", "key")
    search_fields = ("name_ru", "name_en", "key")


@admin.register(SdgTarget)
class SdgTargetAdmin(TranslatedHistoryAdmin):
    list_display = ("code", "title")
    search_fields = ("code", "title_ru", "title_en")


@admin.register(Mechanism)
class MechanismAdmin(TranslatedHistoryAdmin):
    list_display = ("code", "name", "kind")
    list_filter = ("kind",)
    search_fields = ("code", "name_ru", "name_en")


@admin.register(Review)
class ReviewAdmin(PortalAdmin):
    list_display = ("mechanism", "state_name", "year", "session", "document_symbol", "date", "recommendation_count")
    list_filter = ("mechanism", "year", used_countries_filter("state", _("state under review")))
    list_select_related = ("mechanism",)
    search_fields = ("document_symbol", "session", "mechanism__code", "mechanism__name_ru", "mechanism__name_en")
    date_hierarchy = "date"
    autocomplete_fields = ("mechanism",)
    state_name = country_column("state", _("state under review"))

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("mechanism")
            .annotate(recommendation_total=Count("recommendations"))
        )

    @admin.display(description=_("recommendations"), ordering="recommendation_total")
    def recommendation_count(self, review):
        return review.recommendation_total


class AssessmentInlineBase(admin.TabularInline):
    model = StatusAssessment
    fk_name = "recommendation"
    extra = 0
    autocomplete_fields = ("organisation",)
    show_change_link = True
    formfield_overrides = {**URL_FIELD_OVERRIDES, **FILE_FIELD_OVERRIDES}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "proposed_by", "reviewed_by")


class DecidedAssessmentInline(AssessmentInlineBase):
    """Confirmed, rejected and withdrawn assessments: the history, shown and never edited."""

    verbose_name_plural = _("assessment history")
    fields = ("status", "assessed_on", "state", "evidence", "source_url", "organisation", "reviewed_by", "reviewed_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(state=StatusAssessment.State.PROPOSED)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ProposedAssessmentInline(AssessmentInlineBase):
    """Proposals waiting for a coordinator; confirm or reject them from the assessments list."""

    verbose_name_plural = _("proposed assessments")
    fields = ("status", "assessed_on", "evidence", "source_url", "source_file", "organisation", "proposed_by")
    readonly_fields = ("proposed_by",)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(state=StatusAssessment.State.PROPOSED)


@admin.register(Recommendation)
class RecommendationAdmin(ExportActionMixin, TranslatedHistoryAdmin):
    """Kept free of template and URL overrides so that an import/export mixin can be put in front of it."""

    list_display = ("short_text", "review", "paragraph", "kind", "status", "status_date", "is_public")
    list_filter = (
        "status",
        "kind",
        "is_public",
        "review__mechanism",
        used_countries_filter("review__state", _("state under review")),
        "upr_response",
        "themes",
    )
    search_fields = ("text_ru", "text_en", "paragraph", "uhri_id", "review__document_symbol", "review__mechanism__code")
    date_hierarchy = "status_date"
    autocomplete_fields = ("review", "themes", "affected_groups", "sdg_targets", "addressed_bodies", "reflected_in")
    readonly_fields = ("status", "status_date", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("review", "paragraph", "kind", "text", "is_public")}),
        (_("Implementation"), {"fields": ("status", "status_date")}),
        (_("Index"), {"fields": ("themes", "affected_groups", "sdg_targets", "addressed_bodies", "reflected_in")}),
        (
            _("UN index and UPR"),
            {"fields": ("upr_response", "recommending_states", "uhri_id", "uhri_published_on")},
        ),
        (_("Record"), {"fields": ("created_at", "updated_at")}),
    )
    inlines = (DecidedAssessmentInline, ProposedAssessmentInline)
    # django-import-export's export (CSV, XLSX…) of the changelist or a selection, formula-safe; the
    # status workbook action streams the full three-sheet workbook instead (see recommendations.workbooks).
    resource_classes = [RecommendationStatusResource]
    actions = ("export_status_workbook",)

    def get_export_resource_kwargs(self, request, **kwargs):
        return {"user": request.user}

    @admin.action(description=_("Download the status workbook of the selected recommendations"))
    def export_status_workbook(self, request, queryset):
        from .transfer_views import export_response

        # A large selection becomes a background job, and the coordinator is sent to its page.
        return export_response(request, queryset, filters=(), by_ids=True)

    def get_queryset(self, request):
        # __str__ names the review's mechanism: the changelist and the autocomplete both print it.
        return super().get_queryset(request).select_related("review__mechanism")

    @admin.display(description=_("text"), ordering="text")
    def short_text(self, recommendation):
        return Truncator(recommendation.text).chars(90)

    def save_formset(self, request, form, formset, change):
        if formset.model is not StatusAssessment:
            return super().save_formset(request, form, formset, change)
        assessments = formset.save(commit=False)
        for assessment in formset.deleted_objects:
            assessment.delete()
        for assessment in assessments:
            if assessment.pk is None:
                # Added here it is a proposal like any other: confirming it is a separate, recorded step.
                assessment.proposed_by = request.user
                assessment.state = StatusAssessment.State.PROPOSED
            assessment.save()
        formset.save_m2m()
        return None


@admin.register(StatusAssessment)
class StatusAssessmentAdmin(PortalAdmin):
    list_display = (
        "assessed_on",
        "status",
        "state",
        "recommendation_label",
        "organisation",
        "proposed_by",
        "reviewed_by",
    )
    list_filter = ("state", "status", ("organisation", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("recommendation__review__mechanism", "organisation", "proposed_by", "reviewed_by")
    search_fields = (
        "evidence",
        "recommendation__text_ru",
        "recommendation__text_en",
        "recommendation__review__document_symbol",
        "organisation__name_ru",
        "organisation__short_name_ru",
    )
    date_hierarchy = "assessed_on"
    autocomplete_fields = ("recommendation", "organisation")
    readonly_fields = ("state", "proposed_by", "reviewed_by", "reviewed_at", "review_comment", "created_at")
    actions = ("confirm_assessments", "reject_assessments")

    @admin.display(description=_("recommendation"), ordering="recommendation")
    def recommendation_label(self, assessment):
        return str(assessment.recommendation)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.proposed_by = request.user
            obj.state = StatusAssessment.State.PROPOSED
        super().save_model(request, obj, form, change)

    def _decide(self, request, queryset, decide, done_message):
        done = 0
        for assessment in queryset.select_related("recommendation"):
            try:
                decide(assessment=assessment, user=request.user)
            except (PermissionDenied, ValidationError) as error:
                message = "; ".join(error.messages) if isinstance(error, ValidationError) else _("Not allowed.")
                self.message_user(request, f"{assessment}: {message}", messages.WARNING)
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done) % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Confirm the selected assessments"), permissions=["change"])
    def confirm_assessments(self, request, queryset):
        self._decide(
            request,
            queryset,
            assessment_confirm,
            lambda n: ngettext("%(count)d assessment confirmed.", "%(count)d assessments confirmed.", n),
        )

    @admin.action(description=_("Reject the selected assessments"), permissions=["change"])
    def reject_assessments(self, request, queryset):
        self._decide(
            request,
            queryset,
            assessment_reject,
            lambda n: ngettext("%(count)d assessment rejected.", "%(count)d assessments rejected.", n),
        )
