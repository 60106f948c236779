"""The back-office site: coordinators' curation desk, named in the visitor's language.

Only coordinators (and superusers) get in, even if someone else has ``is_staff``: the admin lists
show every record, so they would bypass the members' visibility rules of ``partners.access``. The
apps register their models themselves; ``platform_site.apps.PortalAdminConfig`` makes this the default ``admin.site``.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from partners.access import is_coordinator


class PortalAdminSite(admin.AdminSite):
    site_header = _("Platform back-office")
    site_title = _("Platform back-office")
    index_title = _("Curation of reports, recommendations, advocacy and partners")

    def has_permission(self, request):
        return super().has_permission(request) and is_coordinator(request.user)
