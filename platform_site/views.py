"""The home page and the health check: the one place that brings all apps together."""

from django.db import connection
from django.db.models import Q
from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone

from advocacy.models import Event
from partners.models import Organisation
from recommendations.models import StatusTally
from reports.models import Report

from .charts import implementation_status_charts
from .search import site_search

HOME_REPORTS = 4
HOME_EVENTS = 3
HOME_PARTNERS = 24


def search(request):
    """Site search: ``/search/?q=`` across reports, recommendations, events and partners, ranked."""
    results = site_search(user=request.user, query=request.GET.get("q", ""))
    return render(request, "search.html", {"results": results})


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def home(request):
    user = request.user
    today = timezone.localdate()
    events = Event.objects.visible_to(user)
    return render(
        request,
        "home.html",
        {
            "reports": Report.objects.visible_to(user).published().with_authors(user)[:HOME_REPORTS],
            "upcoming_events": events.filter(Q(starts_on__gte=today) | Q(ends_on__gte=today)).order_by(
                "starts_on", "pk"
            )[:HOME_EVENTS],
            "recent_events": events.filter(starts_on__lt=today)
            .exclude(ends_on__gte=today)
            .order_by("-starts_on", "-pk")[:HOME_EVENTS],
            "charts": implementation_status_charts(StatusTally.objects.visible_to(user)),
            "partners": Organisation.objects.visible_to(user).platform_members().order_by("name")[:HOME_PARTNERS],
        },
    )


def bad_request(request, exception=None):
    """The 400 page in the site's look and the visitor's language (``handler400``)."""
    # The header echoes the search words; the refused ones are not shown again.
    request.GET = QueryDict()
    return render(request, "400.html", status=400)
