"""Back-office for reports and their authoring organisations, with a "publish" action.

Publishing always goes through ``reports.services.report_publish`` (from the action or from the form),
because it also makes the report's proposed asks public.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from partners.access import Workflow
from partners.admin import PortalAdmin, TranslatedHistoryAdmin

from .models import Report, ReportAuthor
from .services import report_publish


class ReportAuthorInline(admin.TabularInline):
    model = ReportAuthor
    fields = ("organisation", "role", "order")
    autocomplete_fields = ("organisation",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


@admin.register(Report)
class ReportAdmin(TranslatedHistoryAdmin):
    list_display = ("title", "kind", "status", "published_on", "mechanism", "author_names")
    list_filter = ("status", "kind", "mechanism")
    search_fields = ("title_ru", "title_en", "summary_ru", "summary_en", "slug")
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("mechanism", "review", "themes", "affected_groups", "proposed_recommendations")
    readonly_fields = ("review_comment", "created_by", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "status", "published_on", "languages")}),
        (_("Content"), {"fields": ("summary", "method", "file", "external_url")}),
        (_("Coverage"), {"fields": ("countries", "themes", "affected_groups")}),
        (_("Submitted to"), {"fields": ("mechanism", "review", "proposed_recommendations")}),
        (_("Record"), {"fields": ("review_comment", "created_by", "created_at", "updated_at")}),
    )
    inlines = (ReportAuthorInline,)
    actions = ("publish_reports",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("mechanism").prefetch_related("authorships__organisation")

    @admin.display(description=_("authors"))
    def author_names(self, report):
        return ", ".join(author.organisation.display_name for author in report.authorships.all())

    def has_publish_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.publish_report")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Chosen in the form, publishing still does what the service does (the asks become public).
        if "status" in form.changed_data and form.instance.status == Workflow.PUBLISHED:
            report_publish(report=form.instance, user=request.user)

    @admin.action(description=_("Publish the selected reports"), permissions=["publish"])
    def publish_reports(self, request, queryset):
        published = 0
        for report in queryset.exclude(status=Workflow.PUBLISHED):
            try:
                report_publish(report=report, user=request.user)
            except (PermissionDenied, ValidationError) as error:
                message = "; ".join(error.messages) if isinstance(error, ValidationError) else _("Not allowed.")
                self.message_user(request, f"{report}: {message}", messages.WARNING)
            else:
                published += 1
        self.message_user(
            request,
            ngettext("%(count)d report published.", "%(count)d reports published.", published) % {"count": published},
            messages.SUCCESS if published else messages.INFO,
        )


@admin.register(ReportAuthor)
class ReportAuthorAdmin(PortalAdmin):
    list_display = ("report", "organisation", "role", "order")
    list_filter = ("role",)
    list_select_related = ("report", "organisation")
    search_fields = ("report__title_ru", "report__title_en", "organisation__name_ru", "organisation__short_name_ru")
    autocomplete_fields = ("report", "organisation")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("report", "organisation")
