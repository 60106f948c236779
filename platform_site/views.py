"""The home page, site search and the health check: the one place that brings all apps together."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, connection
from django.db.models import Q
from django.http import HttpResponseBadRequest, JsonResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from advocacy.models import Event
from jobs.services import last_heartbeat
from partners.content_cache import cached_per_content_version
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


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


def _cache_ok() -> bool:
    key = "healthz:" + uuid.uuid4().hex
    try:
        cache.set(key, "1", 10)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except Exception:  # noqa: BLE001 - a cache server's client raises its own errors; any of them is "down"
        return False
    return ok


def healthz(request):
    """``/healthz``: 200 with the state of the database, the cache and the worker; 503 when the database
    cannot be reached or no worker has been heard of for WORKER_STALE_SECONDS (the cache is reported only:
    the portal still answers without it). No personal data, nothing cached."""
    body = {"database": "ok" if _database_ok() else "unreachable", "cache": "ok" if _cache_ok() else "unreachable"}
    worker_ok = False
    if body["database"] == "ok":
        try:
            seen = last_heartbeat()
        except DatabaseError:
            seen = None
        age = (timezone.now() - seen).total_seconds() if seen else None
        worker_ok = age is not None and age <= settings.WORKER_STALE_SECONDS
        body["worker"] = {
            "status": "ok" if worker_ok else "stale" if seen else "never seen",
            "last_heartbeat": seen.isoformat() if seen else None,
            "seconds_ago": round(age, 1) if age is not None else None,
        }
    else:
        body["worker"] = {"status": "unknown", "last_heartbeat": None, "seconds_ago": None}
    healthy = body["database"] == "ok" and worker_ok
    body["status"] = "ok" if healthy else "unhealthy"
    response = JsonResponse(body, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response


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
            # The same for every visitor of one audience until the content changes: summed and drawn once
            # per content version and language (drawing cost more than the rest of the page).
            "charts_html": cached_per_content_version(request, "home-charts", lambda: _charts_html(user)),
            "partners": Organisation.objects.visible_to(user).platform_members().order_by("name")[:HOME_PARTNERS],
        },
    )


def _charts_html(user):
    charts = implementation_status_charts(StatusTally.objects.visible_to(user))
    return mark_safe("".join(render_to_string("includes/_status_chart.html", {"chart": chart}) for chart in charts))


API_PREFIX = "/api/v1/"


def bad_request(request, exception=None):
    """The 400 page in the site's look and the visitor's language (``handler400``).

    Not for a host the portal does not serve: the site's look builds absolute links (hreflang) from the
    host the request named, which would raise DisallowedHost again and turn the 400 into a 500.
    """
    if isinstance(exception, DisallowedHost):
        return HttpResponseBadRequest("<!doctype html><title>Bad Request (400)</title><h1>Bad Request (400)</h1>")
    if request.path.startswith(API_PREFIX):
        # The API's callers read JSON, as its schema documents for a 400.
        return JsonResponse(
            {"detail": _("The address or a parameter holds characters that cannot be read.")}, status=400
        )
    # The header echoes the search words; the refused ones are not shown again.
    request.GET = QueryDict()
    return render(request, "400.html", status=400)
