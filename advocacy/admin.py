"""Back-office for advocacy events with their participants, links and attachments, and a "publish" action."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationTabularInline

from partners.access import Workflow
from partners.admin import (
    FILE_FIELD_OVERRIDES,
    URL_FIELD_OVERRIDES,
    PortalAdmin,
    TranslatedHistoryAdmin,
    country_column,
    used_countries_filter,
)
from partners.files import stored_file_name

from .models import Event, EventAttachment, EventLink, EventParticipant
from .services import event_publish


class EventParticipantInline(TranslationTabularInline):
    model = EventParticipant
    fields = ("organisation", "role")
    autocomplete_fields = ("organisation",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


class EventLinkInline(admin.TabularInline):
    model = EventLink
    fields = ("url", "title")
    formfield_overrides = URL_FIELD_OVERRIDES
    extra = 0


class EventAttachmentInline(admin.TabularInline):
    model = EventAttachment
    fields = ("file", "title")
    formfield_overrides = FILE_FIELD_OVERRIDES
    extra = 0


@admin.register(Event)
class EventAdmin(TranslatedHistoryAdmin):
    list_display = ("title", "kind", "starts_on", "ends_on", "place", "country_name", "visibility", "status", "owner")
    list_filter = ("status", "visibility", "kind", used_countries_filter("country", _("country")))
    list_select_related = ("owner",)
    search_fields = ("title_ru", "title_en", "title_ky", "description_ru", "description_en", "place_ru", "forum_ru")
    date_hierarchy = "starts_on"
    autocomplete_fields = (
        "owner",
        "organisers",
        "addressed_bodies",
        "reports_presented",
        "recommendations_promoted",
    )
    readonly_fields = ("review_comment", "recorded_by", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", "kind", "status", "visibility", "owner")}),
        (_("When and where"), {"fields": ("starts_on", "ends_on", "place", "country", "forum")}),
        (_("What happened"), {"fields": ("description", "outcome")}),
        (
            _("Links to the rest of the platform"),
            {"fields": ("organisers", "addressed_bodies", "reports_presented", "recommendations_promoted")},
        ),
        (_("Record"), {"fields": ("review_comment", "recorded_by", "created_at", "updated_at")}),
    )
    inlines = (EventParticipantInline, EventLinkInline, EventAttachmentInline)
    actions = ("publish_events",)
    country_name = country_column("country", _("country"))

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("owner")

    def has_publish_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.publish_event")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish the selected events"), permissions=["publish"])
    def publish_events(self, request, queryset):
        published = 0
        for event in queryset.exclude(status=Workflow.PUBLISHED):
            try:
                event_publish(event=event, user=request.user)
            except (PermissionDenied, ValidationError) as error:
                message = "; ".join(error.messages) if isinstance(error, ValidationError) else _("Not allowed.")
                self.message_user(request, f"{event}: {message}", messages.WARNING)
            else:
                published += 1
        self.message_user(
            request,
            ngettext("%(count)d event published.", "%(count)d events published.", published) % {"count": published},
            messages.SUCCESS if published else messages.INFO,
        )


class EventPartAdmin(PortalAdmin):
    """The pieces of an event, listed on their own for searching across events."""

    list_select_related = ("event",)
    autocomplete_fields = ("event",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event")


@admin.register(EventParticipant)
class EventParticipantAdmin(EventPartAdmin):
    list_display = ("organisation", "role", "event")
    list_select_related = ("event", "organisation")
    search_fields = ("organisation__name_ru", "organisation__name_en", "organisation__short_name_ru", "role_ru")
    autocomplete_fields = ("event", "organisation")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


@admin.register(EventLink)
class EventLinkAdmin(EventPartAdmin):
    list_display = ("title", "url", "event")
    search_fields = ("title", "url", "event__title_ru", "event__title_en")


@admin.register(EventAttachment)
class EventAttachmentAdmin(EventPartAdmin):
    list_display = ("title", "file_link", "event")
    search_fields = ("title", "file", "event__title_ru", "event__title_en")

    @admin.display(description=_("file"), ordering="file")
    def file_link(self, attachment):
        # The admin's own column would link to the media folder, which nothing serves.
        return format_html('<a href="{}">{}</a>', attachment.get_file_url(), stored_file_name(attachment.file))
