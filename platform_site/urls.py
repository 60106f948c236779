"""Root URLs: Russian at /, English under /en/; admin and machine-readable files outside the prefix."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", views.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("reports/", include("reports.urls")),
    path("recommendations/", include("recommendations.urls")),
    path("advocacy/", include("advocacy.urls")),
    path("partners/", include("partners.urls")),
    path("search/", views.search, name="search"),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
