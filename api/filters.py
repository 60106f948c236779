"""The API's filters: the pages' own FilterSets, plus ``updated_since`` for incremental harvesting.

A filter means the same on a list page, in its CSV and here, because it is the same class. The
resources with no page (assessments, reviews) get small FilterSets of their own.
"""

import datetime

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from advocacy.filters import EventFilter
from cycle.filters import PAST, UPCOMING, CalendarFilter
from cycle.models import CycleReview, Deadline, FollowUp
from partners.filters import OrganisationFilter
from partners.ids import MAX_ID
from recommendations.filters import RecommendationFilter
from recommendations.models import Mechanism, Review, Status, StatusAssessment
from reports.filters import ReportFilter

UPDATED_SINCE_HELP = _("Only what changed at or after this moment (ISO 8601, e.g. 2026-01-31T00:00:00Z).")


class UtcDateTimeField(IsoDateTimeField):
    """An ISO 8601 moment, turned into UTC: PostgreSQL refuses offsets past ±15:59, which ISO allows."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None or timezone.is_naive(moment):
            return moment
        try:
            return moment.astimezone(datetime.UTC)
        except OverflowError as error:
            raise ValidationError(_("Enter a date and time between the years 1 and 9999."), code="invalid") from error


class IdFilter(django_filters.NumberFilter):
    """An id: a whole number from 1 to 2**63 - 1, like every id read from a request (partners/ids.py); a larger
    one reached SQLite's integer binding and answered 500."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        kwargs.setdefault("decimal_places", 0)
        super().__init__(*args, **kwargs)


class UpdatedSinceFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


def _updated_since(field="updated_at"):
    return UpdatedSinceFilter(
        label=_("Updated since"), field_name=field, lookup_expr="gte", help_text=UPDATED_SINCE_HELP
    )


class RecommendationApiFilter(RecommendationFilter):
    updated_since = _updated_since()

    class Meta(RecommendationFilter.Meta):
        fields = [*RecommendationFilter.Meta.fields, "updated_since"]


class ReportApiFilter(ReportFilter):
    updated_since = _updated_since()

    class Meta(ReportFilter.Meta):
        fields = [*ReportFilter.Meta.fields, "updated_since"]


class EventApiFilter(EventFilter):
    updated_since = _updated_since()

    class Meta(EventFilter.Meta):
        fields = [*EventFilter.Meta.fields, "updated_since"]


class OrganisationApiFilter(OrganisationFilter):
    updated_since = _updated_since()

    class Meta(OrganisationFilter.Meta):
        fields = [*OrganisationFilter.Meta.fields, "updated_since"]


# The page filters whose choices are read from the database when a form is made: the schema is told
# their type, since drf-spectacular may not query the database to guess it. Left to guessing, the
# answer depended on the import order of the modules (with the calendar's filters imported it fell
# back to strings and warned, which failed `manage.py check --deploy`).
for _filterset, _name, _type in (
    (RecommendationApiFilter, "mechanism", OpenApiTypes.STR),
    (RecommendationApiFilter, "theme", OpenApiTypes.INT),
    (RecommendationApiFilter, "group", OpenApiTypes.INT),
    (RecommendationApiFilter, "body", OpenApiTypes.INT),
    (ReportApiFilter, "year", OpenApiTypes.INT),
    (EventApiFilter, "year", OpenApiTypes.INT),
    (EventApiFilter, "organisation", OpenApiTypes.STR),
):
    extend_schema_field(_type)(_filterset.base_filters[_name])


class AssessmentApiFilter(django_filters.FilterSet):
    recommendation = IdFilter(label=_("Recommendation"), field_name="recommendation_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    state = django_filters.ChoiceFilter(label=_("Review state"), choices=StatusAssessment.State.choices)
    # An assessment has no updated_at: it changes when it is made and when a coordinator decides on it.
    updated_since = UpdatedSinceFilter(
        label=_("Updated since"), method="filter_updated_since", help_text=UPDATED_SINCE_HELP
    )

    class Meta:
        model = StatusAssessment
        fields = ["recommendation", "status", "state", "updated_since"]

    def filter_updated_since(self, queryset, name, value):
        return queryset.filter(Q(created_at__gte=value) | Q(reviewed_at__gte=value))


class ReviewApiFilter(django_filters.FilterSet):
    mechanism = django_filters.ModelChoiceFilter(
        label=_("Mechanism"), field_name="mechanism", to_field_name="code", queryset=Mechanism.objects.all()
    )
    state = django_filters.CharFilter(label=_("State under review"), field_name="state", max_length=2)
    year = django_filters.NumberFilter(label=_("Year"), field_name="year")

    class Meta:
        model = Review
        fields = ["mechanism", "state", "year"]


# --- the review calendar (issue 12) ---
WHEN_HELP = _("upcoming: from today on; past: before today; absent: every date.")


class _CalendarApiFilter(CalendarFilter):
    """The calendar page's filters (state, mechanism, when), with ``when`` applied to the model's own date.

    The page always shows one period (upcoming by default); a harvester wants the whole record, so
    here an absent ``when`` selects every date."""

    date_field = ""
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[(UPCOMING, _("Upcoming")), (PAST, _("Past"))],
        method="filter_when",
        help_text=WHEN_HELP,
    )
    updated_since = _updated_since()

    def filter_when(self, queryset, name, value):
        today = timezone.localdate()
        if value == PAST:
            return queryset.filter(**{f"{self.date_field}__lt": today})
        if value == UPCOMING:
            return queryset.filter(**{f"{self.date_field}__gte": today})
        return queryset


class CycleReviewApiFilter(_CalendarApiFilter):
    date_field = "review_on"

    class Meta:
        model = CycleReview
        fields = ["state", "mechanism", "when", "updated_since"]


class DeadlineApiFilter(_CalendarApiFilter):
    date_field = "due_on"
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Deadline.Kind.choices)
    cycle = IdFilter(label=_("Calendar review"), field_name="cycle_id")

    class Meta:
        model = Deadline
        fields = ["state", "mechanism", "when", "kind", "cycle", "updated_since"]


class FollowUpApiFilter(django_filters.FilterSet):
    cycle = IdFilter(label=_("Calendar review"), field_name="cycle_id")
    recommendation = IdFilter(label=_("Recommendation"), field_name="recommendation_id")
    grade = django_filters.ChoiceFilter(label=_("Committee's grade"), choices=FollowUp.Grade.choices)
    updated_since = _updated_since()

    class Meta:
        model = FollowUp
        fields = ["cycle", "recommendation", "grade", "updated_since"]
