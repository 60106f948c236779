"""Public pages of the review calendar: upcoming (or past) reviews and deadlines, and one review cycle.

Every list starts from ``visible_to(user)``: drafts reach only coordinators, members-only entries only
members. The cycle page reaches advocacy actions (a floor above) through a string lookup, never an import.
"""

import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from partners.access import is_coordinator
from partners.csv_export import csv_response
from recommendations.models import Recommendation
from reports.models import Report

from .csv_rows import CALENDAR_CSV_HEADER, calendar_csv_rows
from .documents import DOCX_CONTENT_TYPE, draft_report_docx
from .filters import PAST, CalendarFilter
from .models import CycleReview, Deadline

PER_PAGE = 50
CYCLE_RECOMMENDATIONS = 300


def _filtered(*, user, data, today: datetime.date):
    """The filter set and the visible reviews and deadlines it selects (upcoming or past), as querysets."""
    filterset = CalendarFilter(data or None, queryset=Deadline.objects.visible_to(user))
    reviews = CalendarFilter(data or None, queryset=CycleReview.objects.visible_to(user)).qs
    deadlines = filterset.qs
    if filterset.period == PAST:
        return filterset, reviews.filter(review_on__lt=today), deadlines.filter(due_on__lt=today)
    return filterset, reviews.filter(review_on__gte=today), deadlines.filter(due_on__gte=today)


def calendar_entries(*, user, data, today: datetime.date | None = None):
    """The filter set and the visible reviews and deadlines it selects, merged by date (upcoming or past)."""
    filterset, reviews, deadlines = _filtered(user=user, data=data, today=today or timezone.localdate())
    past = filterset.period == PAST
    entries = list(reviews.select_related("mechanism")) + list(deadlines.select_related("mechanism", "cycle"))
    entries.sort(key=lambda entry: (entry.date, isinstance(entry, Deadline), entry.pk), reverse=past)
    return filterset, entries


def calendar(request):
    filterset, entries = calendar_entries(user=request.user, data=request.GET)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    context = {"filter": filterset, "page_obj": page, "entries": page.object_list, "past": filterset.period == PAST}
    return render(request, "cycle/calendar.html", context)


# --- CSV of the calendar (issue 12) ---
def calendar_csv(request):
    """``/calendar/export.csv?<the calendar's filters>``: every entry the page lists to the person, streamed."""
    filterset, reviews, deadlines = _filtered(user=request.user, data=request.GET, today=timezone.localdate())
    rows = calendar_csv_rows(
        reviews,
        deadlines,
        language=translation.get_language(),
        base_url=request.build_absolute_uri("/"),
        past=filterset.period == PAST,
    )
    return csv_response(CALENDAR_CSV_HEADER, rows, filename=f"calendar-{timezone.localdate():%Y-%m-%d}.csv")


def review_detail(request, pk):
    user = request.user
    cycle = get_object_or_404(CycleReview.objects.visible_to(user).select_related("mechanism", "review"), pk=pk)
    reviews = [review for review in (cycle.review, cycle.previous_review) if review is not None]
    follow_up_ids = set(cycle.follow_ups.visible_to(user).values_list("recommendation_id", flat=True))
    recommendations = []
    if cycle.review_id:
        recommendations = list(
            Recommendation.objects.visible_to(user)
            .filter(review=cycle.review)
            .select_related("review__mechanism")
            .annotate(
                follow_up_first=Case(
                    When(pk__in=follow_up_ids, then=Value(0)), default=Value(1), output_field=IntegerField()
                )
            )
            .order_by("follow_up_first", "id")[:CYCLE_RECOMMENDATIONS]
        )
    Event = apps.get_model("advocacy", "Event")
    context = {
        "cycle": cycle,
        "object": cycle,
        "deadlines": list(cycle.deadlines.visible_to(user).order_by("due_on", "pk")),
        "recommendations": recommendations,
        "follow_up_ids": follow_up_ids,
        "previous_count": Recommendation.objects.visible_to(user).filter(review=cycle.previous_review).count()
        if cycle.previous_review_id
        else 0,
        "reports": list(Report.objects.visible_to(user).filter(review__in=reviews).order_by("-published_on", "-pk"))
        if reviews
        else [],
        "events": list(
            Event.objects.visible_to(user)
            .filter(recommendations_promoted__review__in=reviews)
            .distinct()
            .order_by("-starts_on", "-pk")
        )
        if reviews
        else [],
    }
    return render(request, "cycle/cyclereview_detail.html", context)


@login_required
def draft_report(request, pk):
    """The draft alternative report as a .docx, for coordinators; written in the request (see documents.py)."""
    if not is_coordinator(request.user):
        raise PermissionDenied
    cycle = get_object_or_404(CycleReview.objects.select_related("mechanism", "previous_review", "review"), pk=pk)
    language = request.GET.get("language") or translation.get_language()
    if language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest(_("Choose the report's language: ru or en."))
    content = draft_report_docx(cycle=cycle, language=language)
    name = slugify(f"draft-alternative-report-{cycle.mechanism.code}-{cycle.state.code}-{cycle.review_on.year}")
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}-{language}.docx"'
    return response
