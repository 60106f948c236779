from django.urls import path

from . import views

app_name = "cycle"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("export.csv", views.calendar_csv, name="export_csv"),
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("reviews/<int:pk>/draft-report.docx", views.draft_report, name="draft-report"),
]
