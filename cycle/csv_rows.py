"""CSV rows of the review calendar: the page's CSV, the API's and the nightly dump's, in a fixed number of queries.

Reviews and deadlines share one set of columns, so that the calendar page's CSV can hold both, merged by
date as the page shows them; the API's ``calendar-reviews`` and ``deadlines`` give the same columns.
A computed date says so (a column), and every row carries its source and the day it was last checked.
"""

import heapq

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from recommendations.csv_rows import CountryNames, link_pattern
from recommendations.models import Mechanism
from recommendations.workbooks import CHUNK_SIZE, translated

from .models import DatePrecision, Deadline

CALENDAR_CSV_HEADER = (
    _("ID"),
    _("Type"),
    _("Date"),
    _("Date precision"),
    _("Computed by rule"),
    _("Mechanism"),
    _("State"),
    _("Title"),
    _("Session"),
    _("Document symbol"),
    _("Calendar review ID"),
    _("Source link"),
    _("Checked on"),
    _("Page"),
)


def _mechanism_label(code: str, platform_name: str | None) -> str:
    # Mechanism.label without loading the object: the platform by its name, the others by their code.
    return platform_name or code.replace("_", "/")


def _review_rows(queryset, *, language: str, base_url: str):
    country = CountryNames()
    precisions = {value: str(label) for value, label in DatePrecision.choices}
    kind = str(_("Review"))
    link = link_pattern("cycle:review", base_url)
    rows = queryset.annotate(
        x_session=translated("session", language), x_mechanism=translated("mechanism__name", language)
    ).values_list(
        "pk",
        "review_on",
        "date_precision",
        "mechanism__code",
        "mechanism__kind",
        "x_mechanism",
        "state",
        "x_session",
        "document_symbol",
        "source_url",
        "checked_on",
    )
    for pk, on, precision, code, mech_kind, mech_name, state, session, symbol, source, checked in rows.iterator(
        chunk_size=CHUNK_SIZE
    ):
        mechanism = _mechanism_label(code, mech_name if mech_kind == Mechanism.Kind.PLATFORM else None)
        title = str(_("%(mechanism)s reviews %(state)s") % {"mechanism": mechanism, "state": country(state)})
        yield (
            (on, 0, pk),
            (
                pk,
                kind,
                on,
                precisions.get(precision, precision),
                False,
                mechanism,
                country(state),
                title,
                session,
                symbol,
                pk,
                source,
                checked,
                link.format(pk),
            ),
        )


def _deadline_rows(queryset, *, language: str, base_url: str):
    country = CountryNames()
    precisions = {value: str(label) for value, label in DatePrecision.choices}
    kinds = {value: str(label) for value, label in Deadline.Kind.choices}
    kind = str(_("Deadline"))
    review_link = link_pattern("cycle:review", base_url) + "#deadline-{}"
    calendar_link = base_url.rstrip("/") + reverse("cycle:calendar") + "#deadline-{}"
    rows = queryset.annotate(
        x_title=translated("title", language), x_mechanism=translated("mechanism__name", language)
    ).values_list(
        "pk",
        "due_on",
        "date_precision",
        "is_computed",
        "mechanism__code",
        "mechanism__kind",
        "x_mechanism",
        "state",
        "kind",
        "x_title",
        "cycle_id",
        "source_url",
        "checked_on",
    )
    for (
        pk,
        on,
        precision,
        computed,
        code,
        mech_kind,
        mech_name,
        state,
        deadline_kind,
        title,
        cycle_id,
        source,
        checked,
    ) in rows.iterator(chunk_size=CHUNK_SIZE):
        page = review_link.format(cycle_id, pk) if cycle_id else calendar_link.format(pk)
        yield (
            (on, 1, pk),
            (
                pk,
                kind,
                on,
                precisions.get(precision, precision),
                computed,
                _mechanism_label(code, mech_name if mech_kind == Mechanism.Kind.PLATFORM else None),
                country(state),
                title or kinds.get(deadline_kind, deadline_kind),
                "",
                "",
                cycle_id,
                source,
                checked,
                page,
            ),
        )


def cycle_review_csv_rows(queryset, *, user, language: str, base_url: str = ""):
    """Calendar reviews of ``queryset`` (already limited to what ``user`` sees), in its order."""
    for _key, row in _review_rows(queryset, language=language, base_url=base_url):
        yield row


def deadline_csv_rows(queryset, *, user, language: str, base_url: str = ""):
    """Deadlines of ``queryset`` (already limited to what ``user`` sees), in its order."""
    for _key, row in _deadline_rows(queryset, language=language, base_url=base_url):
        yield row


def calendar_csv_rows(reviews, deadlines, *, language: str, base_url: str = "", past: bool = False):
    """Reviews and deadlines merged by date as the calendar page lists them (newest first for past dates).

    Both querysets are read in date order and merged while the file streams: two queries whatever the
    length, no list of the whole calendar in memory."""
    if past:
        reviews, deadlines = reviews.order_by("-review_on", "-pk"), deadlines.order_by("-due_on", "-pk")
    else:
        reviews, deadlines = reviews.order_by("review_on", "pk"), deadlines.order_by("due_on", "pk")
    merged = heapq.merge(
        _review_rows(reviews, language=language, base_url=base_url),
        _deadline_rows(deadlines, language=language, base_url=base_url),
        key=lambda item: item[0],
        reverse=past,
    )
    for _key, row in merged:
        yield row
