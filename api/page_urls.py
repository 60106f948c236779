"""/api/ (and /en/api/): the API's documentation page."""

from django.urls import path

from . import page_views

app_name = "api"
urlpatterns = [path("", page_views.docs, name="docs")]
