from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PlatformSiteConfig(AppConfig):
    name = "platform_site"
    verbose_name = _("Portal")

    def ready(self):
        from . import page_cache  # noqa: F401 - connects the receivers that raise the content version


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the platform's own site (coordinators only); see platform_site/admin.py."""

    default = False  # named in INSTALLED_APPS; "platform_site" itself stays PlatformSiteConfig
    default_site = "platform_site.admin.PortalAdminSite"
