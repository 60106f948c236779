"""/members/tokens/: a member's personal API tokens."""

from django.urls import path

from . import page_views

app_name = "api_tokens"
urlpatterns = [
    path("", page_views.tokens, name="list"),
    path("<int:pk>/revoke/", page_views.token_revoke, name="revoke"),
]
