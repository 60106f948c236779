"""CSV rows of advocacy events: the list's CSV, the API's and the nightly dump's, in a fixed number of queries."""

from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from partners.models import Organisation
from recommendations.csv_rows import CountryNames, joined_by, link_pattern
from recommendations.models import Recommendation
from recommendations.workbooks import CHUNK_SIZE, translated
from reports.models import Report

from .models import Event, EventParticipant

EVENT_CSV_HEADER = (
    _("ID"),
    _("Title"),
    _("Kind"),
    _("Start date"),
    _("End date"),
    _("Place"),
    _("Country"),
    _("Forum"),
    _("Organisers"),
    _("Participants"),
    _("Addressed state bodies"),
    _("Reports presented"),
    _("Recommendations promoted"),
    _("Outcome"),
    _("Visibility"),
    _("Page"),
)


def event_csv_rows(queryset, *, user, language: str, base_url: str = ""):
    ids = queryset.order_by().values("pk")
    organisations = Organisation.objects.visible_to(user)
    name = translated("organisation__name", language)
    organisers = joined_by(
        Event.organisers.through.objects.filter(event_id__in=ids, organisation__in=organisations),
        "event_id",
        name,
        name,
    )
    participants = joined_by(
        EventParticipant.objects.filter(event_id__in=ids, organisation__in=organisations), "event_id", name, name
    )
    bodies = joined_by(
        Event.addressed_bodies.through.objects.filter(event_id__in=ids, organisation__in=organisations),
        "event_id",
        name,
        name,
    )
    reports = joined_by(
        Event.reports_presented.through.objects.filter(event_id__in=ids, report__in=Report.objects.visible_to(user)),
        "event_id",
        translated("report__title", language),
    )
    # Recommendations by id: their texts are long; the id leads to the recommendations' own CSV and API.
    promoted = joined_by(
        Event.recommendations_promoted.through.objects.filter(
            event_id__in=ids,
            recommendation__in=Recommendation.objects.visible_to(user),
        ),
        "event_id",
        Cast("recommendation_id", CharField()),
        "recommendation_id",
    )
    kinds = {value: str(label) for value, label in Event.Kind.choices}
    visibilities = {value: str(label) for value, label in Event.Visibility.choices}
    country = CountryNames()
    page = link_pattern("advocacy:detail", base_url)
    main = (
        queryset.order_by(*(queryset.query.order_by or ("pk",)))
        .annotate(x_title=translated("title", language), x_outcome=translated("outcome", language))
        .values_list(
            "pk", "x_title", "kind", "starts_on", "ends_on", "place", "country", "forum", "x_outcome", "visibility"
        )
    )
    for pk, title, kind, starts_on, ends_on, place, code, forum, outcome, visibility in main.iterator(
        chunk_size=CHUNK_SIZE
    ):
        yield (
            pk,
            title,
            kinds.get(kind, kind),
            starts_on,
            ends_on,
            place,
            country(code),
            forum,
            organisers.get(pk, ""),
            participants.get(pk, ""),
            bodies.get(pk, ""),
            reports.get(pk, ""),
            promoted.get(pk, ""),
            outcome,
            visibilities.get(visibility, visibility),
            page.format(pk),
        )
