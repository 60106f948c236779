from django.urls import path

from . import member_views, views

app_name = "advocacy"
urlpatterns = [
    path("", views.EventListView.as_view(), name="list"),
    path("export.csv", views.event_list_csv, name="export_csv"),
    path("<int:pk>/", views.EventDetailView.as_view(), name="detail"),
    path("new/", member_views.EventCreateView.as_view(), name="create"),
    path("<int:pk>/edit/", member_views.EventUpdateView.as_view(), name="update"),
    path("<int:pk>/submit/", member_views.event_submit_view, name="submit"),
    path("<int:pk>/withdraw/", member_views.event_withdraw_view, name="withdraw"),
    path("<int:pk>/attachments/<int:id>/", views.event_attachment, name="attachment"),
]
