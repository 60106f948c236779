from django.urls import path

from . import lookups, views

app_name = "reports"
urlpatterns = [
    path("", views.ReportListView.as_view(), name="list"),
    path("lookup/", lookups.report_lookup, name="lookup"),
    path("export.csv", views.report_list_csv, name="export_csv"),
    path("<slug:slug>/", views.ReportDetailView.as_view(), name="detail"),
    path("<slug:slug>/file/", views.report_file, name="file"),
]
