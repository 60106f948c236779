from django.urls import path

from . import lookups, member_views, transfer_views, views

app_name = "recommendations"
urlpatterns = [
    path("", views.RecommendationListView.as_view(), name="list"),
    path("<int:pk>/", views.RecommendationDetailView.as_view(), name="detail"),
    path("<int:pk>/assess/", member_views.AssessmentProposeView.as_view(), name="assess"),
    path("<int:pk>/evidence/<int:id>/", views.assessment_evidence, name="evidence"),
    path("lookup/", lookups.recommendation_lookup, name="lookup"),
    path("export.xlsx", transfer_views.RecommendationExportView.as_view(), name="export"),
    path("export.csv", views.recommendation_list_csv, name="export_csv"),
    path("import/", transfer_views.ImportUploadView.as_view(), name="import"),
    path("import/<int:pk>/confirm/", transfer_views.PreviewConfirmView.as_view(), name="import_confirm"),
]
