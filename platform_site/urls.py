"""Root URLs: Russian at /, English under /en/; admin and machine-readable files outside the prefix."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from . import accounts, feeds, views
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
    # Before Django's own: the reset form sends a limited number of mails (platform_site/accounts.py).
    path("accounts/password_reset/", accounts.ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("members/jobs/", include("jobs.urls")),  # background jobs (issue 9)
    # --- open data API (issue 12): its documentation page and the members' personal tokens ---
    path("api/", include("api.page_urls")),
    path("members/tokens/", include("api.token_urls")),
    # --- end open data API ---
    path("members/", include("platform_site.members_urls")),
    path("feeds/", include(feed_patterns)),
    path("search/", views.search, name="search"),
    # The review calendar (issue 11) and its iCalendar feed, filtered by the same GET parameters.
    path("calendar/", include("cycle.urls")),
    path("calendar.ics", feeds.review_calendar, name="calendar-ics"),
    # Coordinators' translation workflow (issue 13): a top-floor app beside this one; nothing imports it.
    path("translations/", include("translations.urls")),
    prefix_default_language=False,
)

# No route serves MEDIA_ROOT, not even with DEBUG: every uploaded file has a view that asks its object's
# visibility rule first (reports:file, advocacy:attachment, recommendations:evidence).

# Django's own 400 view renders its template without the request, so without the site's header, menu and
# language; this one renders templates/400.html as the 403 and 404 pages are.
handler400 = "platform_site.views.bad_request"
