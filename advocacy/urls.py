from django.urls import path

from . import views

app_name = "advocacy"
urlpatterns = [
    path("", views.EventListView.as_view(), name="list"),
    path("<int:pk>/", views.EventDetailView.as_view(), name="detail"),
]
