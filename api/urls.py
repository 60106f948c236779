"""/api/v1/: the resources, the OpenAPI schema and the bulk downloads (outside the language prefix)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import dumps_views, views

app_name = "api_v1"

router = DefaultRouter()
router.register("recommendations", views.RecommendationViewSet, basename="recommendation")
router.register("assessments", views.AssessmentViewSet, basename="assessment")
router.register("reviews", views.ReviewViewSet, basename="review")
router.register("mechanisms", views.MechanismViewSet, basename="mechanism")
router.register("reports", views.ReportViewSet, basename="report")
router.register("events", views.EventViewSet, basename="event")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("themes", views.ThemeViewSet, basename="theme")
router.register("affected-groups", views.AffectedGroupViewSet, basename="affected-group")
router.register("sdg-targets", views.SdgTargetViewSet, basename="sdg-target")
# The review calendar (issue 12).
router.register("calendar-reviews", views.CycleReviewViewSet, basename="calendar-review")
router.register("deadlines", views.DeadlineViewSet, basename="deadline")
router.register("follow-ups", views.FollowUpViewSet, basename="follow-up")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("dumps/", dumps_views.DumpListView.as_view(), name="dumps"),
    path("dumps/<str:stamp>/<str:name>", dumps_views.dump_file, name="dump-file"),
    *router.urls,
]
