"""URLs of the members' area (namespace ``members``)."""

from django.urls import path

from . import members, reminders

app_name = "members"
urlpatterns = [
    path("", members.home, name="home"),
    path("review/", members.review, name="review"),
    path("review/assessments/<int:pk>/", members.assessment_decide, name="assessment_decide"),
    path("review/events/<int:pk>/publish/", members.event_publish_view, name="event_publish"),
    path("review/events/<int:pk>/return/", members.event_return_view, name="event_return"),
    path("review/reports/<int:pk>/publish/", members.report_publish_view, name="report_publish"),
    path("review/reports/<int:pk>/return/", members.report_return_view, name="report_return"),
    path("review/organisations/<int:pk>/publish/", members.organisation_publish_view, name="organisation_publish"),
    path("review/organisations/<int:pk>/keep/", members.organisation_keep_view, name="organisation_keep"),
    path("reminders/", reminders.reminders, name="reminders"),
    path("reminders/unsubscribe/<str:token>/", reminders.unsubscribe, name="unsubscribe"),
]
