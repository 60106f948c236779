"""Feeds for readers and calendars: new reports and public events (Atom), public events (iCalendar).

Feeds are read by programs that never log in and are often cached or shared, so they always show
what an anonymous visitor may see, whoever asks: ``visible_to(AnonymousUser())``.
"""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from advocacy.models import Event
from cycle.filters import CalendarFilter
from cycle.models import CycleReview, Deadline
from reports.models import Report

FEED_ITEMS = 30
CALENDAR_EVENTS = 500


def _public_reports():
    return Report.objects.visible_to(AnonymousUser()).published()


def _public_events():
    return Event.objects.visible_to(AnonymousUser())


def _as_datetime(day, fallback):
    if day is None:
        return fallback
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


class LatestReportsFeed(Feed):
    feed_type = Atom1Feed
    title = _("New reports")
    subtitle = _("Reports of the platform and its partners on the rights of migrant workers.")

    def link(self):
        return reverse("reports:list")

    def feed_url(self):
        return reverse("feeds:reports")

    def items(self):
        return _public_reports().with_authors(AnonymousUser()).order_by("-published_on", "-pk")[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return _as_datetime(item.published_on, item.created_at)

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return ", ".join(authorship.organisation.display_name for authorship in item.authorships.all()) or None

    def item_categories(self, item):
        return [item.get_kind_display()]


class PublicEventsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Public advocacy events")
    subtitle = _("Side events, briefings, statements and meetings of the platform and its partners.")

    def link(self):
        return reverse("advocacy:list")

    def feed_url(self):
        return reverse("feeds:events")

    def items(self):
        # Newest recorded first: a reader wants to hear of an event when it is added, past or future.
        return _public_events().order_by("-created_at", "-pk")[:FEED_ITEMS]

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        return item.description

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_kind_display()]


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", "-//Migrant workers' rights platform//Public events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", str(name))
    return calendar


def events_calendar(request):
    """The latest public events (future ones first) as an iCalendar file of all-day entries."""
    events = _public_events().order_by("-starts_on", "-pk")[:CALENDAR_EVENTS]
    calendar = _calendar(_("Public advocacy events"))
    _add_events(calendar, request, events)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="public-events.ics"'
    return response


def _add_events(calendar, request, events):
    host = request.get_host().split(":")[0]
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.pk}@{host}")
        entry.add("summary", event.title)
        entry.add("dtstart", event.starts_on)
        # DTEND of an all-day entry is exclusive: the day after the last day.
        entry.add("dtend", (event.ends_on or event.starts_on) + datetime.timedelta(days=1))
        entry.add("dtstamp", event.updated_at)
        location = ", ".join(part for part in (event.place, str(event.country.name) if event.country else "") if part)
        if location:
            entry.add("location", location)
        description = "\n\n".join(part for part in (event.forum, event.description) if part)
        if description:
            entry.add("description", description)
        entry.add("url", request.build_absolute_uri(event.get_absolute_url()))
        entry.add("categories", [event.get_kind_display()])
        calendar.add_component(entry)


def _calendar_entry(request, host, *, uid, summary, start, end, url, categories, description, stamp):
    entry = CalendarEvent()
    entry.add("uid", f"{uid}@{host}")
    entry.add("summary", summary)
    entry.add("dtstart", start)
    entry.add("dtend", end + datetime.timedelta(days=1))  # exclusive, as for every all-day entry
    entry.add("dtstamp", stamp)
    entry.add("url", request.build_absolute_uri(url))
    entry.add("categories", categories)
    entry.add("description", description)
    return entry


def _source_note(item):
    """The lines every calendar entry carries: computed or sourced, and when it was checked."""
    lines = []
    if getattr(item, "is_computed", False):
        lines.append(str(_("Computed by the committee's rule, not read from a source.")))
    if item.source_url:
        lines.append(f"{_('Source')}: {item.source_url}")
    if item.checked_on:
        lines.append(str(_("Checked on %(date)s") % {"date": item.checked_on.isoformat()}))
    return "\n".join(lines)


def review_calendar(request):
    """``/calendar.ics``: public reviews and deadlines as all-day entries, and public advocacy events.

    ``?state=KG&mechanism=CMW`` filter it as they filter ``/calendar/``; with a mechanism, advocacy events
    (which belong to no mechanism) are left out, and with a state only the events held in that state stay.
    """
    anonymous = AnonymousUser()
    data = request.GET.copy()
    data.pop("when", None)
    host = request.get_host().split(":")[0]
    calendar = _calendar(_("Review calendar and public events"))
    filterset = CalendarFilter(data or None, queryset=Deadline.objects.visible_to(anonymous))
    reviews = CalendarFilter(data or None, queryset=CycleReview.objects.visible_to(anonymous)).qs
    review_label = str(_("Review"))
    for review in reviews.select_related("mechanism").order_by("-review_on", "-pk")[:CALENDAR_EVENTS]:
        summary = _("%(mechanism)s reviews %(state)s") % {
            "mechanism": review.mechanism.label,
            "state": review.state.name,
        }
        details = " · ".join(part for part in (review.session, review.document_symbol) if part)
        calendar.add_component(
            _calendar_entry(
                request,
                host,
                uid=f"review-{review.pk}",
                summary=summary,
                start=review.review_on,
                end=review.review_on,
                url=review.get_absolute_url(),
                categories=[review_label, review.mechanism.label],
                description="\n".join(part for part in (details, _source_note(review)) if part),
                stamp=review.updated_at,
            )
        )
    for deadline in filterset.qs.select_related("mechanism").order_by("-due_on", "-pk")[:CALENDAR_EVENTS]:
        summary = f"{deadline.label} — {deadline.mechanism.label}, {deadline.state.name}"
        calendar.add_component(
            _calendar_entry(
                request,
                host,
                uid=f"deadline-{deadline.pk}",
                summary=summary,
                start=deadline.due_on,
                end=deadline.due_on,
                url=deadline.get_absolute_url(),
                categories=[str(_("Deadline")), deadline.get_kind_display(), deadline.mechanism.label],
                description=_source_note(deadline),
                stamp=deadline.updated_at,
            )
        )
    form_valid = filterset.is_bound and filterset.form.is_valid()
    cleaned = filterset.form.cleaned_data if form_valid else {}
    if not cleaned.get("mechanism"):
        events = _public_events()
        if cleaned.get("state"):
            events = events.filter(country=cleaned["state"])
        _add_events(calendar, request, events.order_by("-starts_on", "-pk")[:CALENDAR_EVENTS])
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="review-calendar.ics"'
    return response
