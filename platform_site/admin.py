"""The back-office site: coordinators' curation desk, named in the visitor's language.

Only coordinators (and superusers) get in, even if someone else has ``is_staff``: the admin lists
show every record, so they would bypass the members' visibility rules of ``partners.access``. The
apps register their models themselves; ``platform_site.apps.PortalAdminConfig`` makes this the default ``admin.site``.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from partners.access import is_coordinator

from .models import DigestSent, ReminderPreference


class PortalAdminSite(admin.AdminSite):
    site_header = _("Platform back-office")
    site_title = _("Platform back-office")
    index_title = _("Curation of reports, recommendations, advocacy and partners")

    def has_permission(self, request):
        return super().has_permission(request) and is_coordinator(request.user)


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(admin.ModelAdmin):
    """Who asked for which digests (members set them at /members/reminders/)."""

    list_display = ("user", "frequency", "language", "updated_at")
    list_filter = ("frequency", "language")
    search_fields = ("user__username", "user__email")
    autocomplete_fields = ("user",)
    filter_horizontal = ("mechanisms",)


@admin.register(DigestSent)
class DigestSentAdmin(admin.ModelAdmin):
    """The log that keeps a digest from repeating an item; read only, written by send_digests."""

    list_display = ("user", "item", "period", "sent_at")
    list_filter = ("period",)
    search_fields = ("user__username", "item")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
