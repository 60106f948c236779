from django.urls import path

from . import lookups, member_views, views

app_name = "recommendations"
urlpatterns = [
    path("", views.RecommendationListView.as_view(), name="list"),
    path("<int:pk>/", views.RecommendationDetailView.as_view(), name="detail"),
    path("<int:pk>/assess/", member_views.AssessmentProposeView.as_view(), name="assess"),
    path("lookup/", lookups.recommendation_lookup, name="lookup"),
]
