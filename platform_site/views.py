"""The home page and the health check: the one place that brings all apps together."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from advocacy.models import Event
from reports.models import Report

from .search import site_search


def search(request):
    """Site search: ``/search/?q=`` across reports, recommendations, events and partners, ranked."""
    results = site_search(user=request.user, query=request.GET.get("q", ""))
    return render(request, "search.html", {"results": results})


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def home(request):
    return render(
        request,
        "home.html",
        {
            "reports": Report.objects.visible_to(request.user).published()[:4],
            "events": Event.objects.visible_to(request.user)[:4],
        },
    )
