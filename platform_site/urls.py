"""Root URLs: Russian at /, English under /en/; admin and machine-readable files outside the prefix."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from . import feeds, views
from .sitemaps import SITEMAPS

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", views.healthz, name="healthz"),
    # --- open data API (issue 12): machine answers outside the language prefix; api imports us, not back ---
    path("api/v1/", include("api.urls")),
    # --- end open data API ---
    # One sitemap index, one file per section; each lists its pages in both languages.
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

feed_patterns = (
    [
        path("reports/", feeds.LatestReportsFeed(), name="reports"),
        path("events/", feeds.PublicEventsFeed(), name="events"),
        path("events.ics", feeds.events_calendar, name="events-ical"),
    ],
    "feeds",
)

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("reports/", include("reports.urls")),
    path("recommendations/", include("recommendations.urls")),
    path("advocacy/", include("advocacy.urls")),
    path("partners/", include("partners.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    # --- open data API (issue 12): its documentation page and the members' personal tokens ---
    path("api/", include("api.page_urls")),
    path("members/tokens/", include("api.token_urls")),
    # --- end open data API ---
    path("members/", include("platform_site.members_urls")),
    path("feeds/", include(feed_patterns)),
    path("search/", views.search, name="search"),
    prefix_default_language=False,
)

# No route serves MEDIA_ROOT, not even with DEBUG: every uploaded file has a view that asks its object's
# visibility rule first (reports:file, advocacy:attachment, recommendations:evidence).
