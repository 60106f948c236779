"""URLs of the coordinators' translation workflow (namespace ``translations``), mounted at /translations/."""

from django.urls import path

from . import views

app_name = "translations"
urlpatterns = [
    path("", views.TranslationOverviewView.as_view(), name="overview"),
    path("export.xlsx", views.TranslationExportView.as_view(), name="export"),
    path("import/<int:pk>/confirm/", views.TranslationConfirmView.as_view(), name="confirm"),
]
