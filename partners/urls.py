from django.urls import path

from . import lookups, views

app_name = "partners"
urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="list"),
    path("lookup/", lookups.organisation_lookup, name="lookup"),
    path("export.csv", views.organisation_list_csv, name="export_csv"),
    path("<slug:slug>/", views.OrganisationDetailView.as_view(), name="detail"),
]
