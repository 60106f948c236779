"""The read-only viewsets of /api/v1/: every queryset starts from the model's ``visible_to(user)``.

Anonymous callers get what the public pages show; a member (session or personal token) gets what
the site shows them. Embedded objects are prefetched through their own ``visible_to`` too, so a
hidden organisation never appears inside a public recommendation, report or event.

``?format=csv`` or ``Accept: text/csv`` streams the whole filtered list (not one page) as the list
pages' CSV does; ``?lang=en`` chooses the language of ``title``/``text``/labels (Russian by default).
"""

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Prefetch
from django.utils import timezone, translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from advocacy.csv_rows import EVENT_CSV_HEADER, event_csv_rows
from advocacy.models import Event, EventParticipant
from cycle.csv_rows import CALENDAR_CSV_HEADER, cycle_review_csv_rows, deadline_csv_rows
from cycle.models import CycleReview, Deadline, FollowUp
from partners.csv_export import csv_response
from partners.csv_rows import ORGANISATION_CSV_HEADER, organisation_csv_rows
from partners.models import Organisation
from recommendations.csv_rows import RECOMMENDATION_CSV_HEADER, recommendation_csv_rows
from recommendations.models import (
    AffectedGroup,
    Mechanism,
    Recommendation,
    Review,
    SdgTarget,
    StatusAssessment,
    Theme,
)
from reports.csv_rows import REPORT_CSV_HEADER, report_csv_rows
from reports.models import Report, ReportAuthor

from . import csv_rows as extra_rows
from . import filters, serializers, values_rows
from .conditional import add_validators, not_modified

LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=[code for code, _name in settings.LANGUAGES],
    description="Language of `title`, `text`, `name` and the labels (the `_ru`/`_en` fields are always there).",
)
FORMAT_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "csv"],
    description="`csv`: the whole filtered list as CSV (UTF-8 with BOM), like `Accept: text/csv`.",
)


def api_language(request) -> str:
    lang = request.query_params.get("lang", "")
    return lang if lang in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER, FORMAT_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER, FORMAT_PARAMETER]),
)
class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    csv_header: tuple = ()
    csv_rows = None  # function(queryset, *, user, language, base_url) → iterator of rows
    csv_name = ""
    # Builds the list's objects from values() (api/values_rows.py): what the serializer writes, without a
    # model instance and a serializer call per object; None lists through the serializer.
    list_rows = None

    def visible(self, user):
        raise NotImplementedError

    def get_queryset(self):
        return self.visible(self.request.user)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Activated, not overridden: the CSV rows are made while the answer streams, after the view.
        translation.activate(api_language(request))

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "lang": api_language(self.request)}

    def wants_csv(self) -> bool:
        return getattr(self.request.accepted_renderer, "format", "") == "csv"

    def csv(self, queryset, filename):
        rows = type(self).csv_rows(
            queryset.order_by("id"),
            user=self.request.user,
            language=translation.get_language(),
            base_url=self.request.build_absolute_uri("/"),
        )
        return csv_response(self.csv_header, rows, filename=filename)

    def list(self, request, *args, **kwargs):
        answer = not_modified(request)
        if answer is not None:
            return answer
        if self.wants_csv():
            name = f"{self.csv_name}-{timezone.localdate():%Y-%m-%d}.csv"
            return self.csv(self.filter_queryset(self.get_queryset()), name)
        if self.list_rows is None:
            return super().list(request, *args, **kwargs)
        rows = type(self).list_rows(user=request.user, context=self.get_serializer_context())
        queryset = self.filter_queryset(self.get_queryset()).prefetch_related(None).values(*rows.columns)
        return self.get_paginated_response(rows(self.paginate_queryset(queryset)))

    def retrieve(self, request, *args, **kwargs):
        answer = not_modified(request)
        if answer is not None:
            return answer
        if self.wants_csv():
            obj = self.get_object()
            return self.csv(self.get_queryset().filter(pk=obj.pk), f"{self.csv_name}-{obj.pk}.csv")
        return super().retrieve(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return add_validators(request, response)


class RecommendationViewSet(PublicReadOnlyViewSet):
    """Recommendations of UN and OSCE bodies (and the platform's own asks) with their current status.

    The filters are the recommendation list's: `mechanism` (code, e.g. CMW), `state` (ISO code, e.g.
    KZ), `year`, `review` (id), `theme`, `group`, `body` (ids), `status`, `q` (text), plus
    `updated_since`.
    """

    serializer_class = serializers.RecommendationSerializer
    filterset_class = filters.RecommendationApiFilter
    csv_header = RECOMMENDATION_CSV_HEADER
    csv_rows = recommendation_csv_rows
    csv_name = "recommendations"
    list_rows = values_rows.RecommendationRows

    def visible(self, user):
        latest_first = StatusAssessment.objects.latest_confirmed_first()
        return (
            Recommendation.objects.visible_to(user)
            .select_related("review__mechanism")
            .prefetch_related(
                "themes",
                "affected_groups",
                "sdg_targets",
                Prefetch("addressed_bodies", queryset=Organisation.objects.visible_to(user).order_by("name", "pk")),
                Prefetch("assessments", queryset=latest_first, to_attr="confirmed_assessments"),
            )
        )


class AssessmentViewSet(PublicReadOnlyViewSet):
    """Status assessments: the public sees confirmed assessments of public recommendations."""

    serializer_class = serializers.AssessmentSerializer
    filterset_class = filters.AssessmentApiFilter
    csv_header = extra_rows.ASSESSMENT_CSV_HEADER
    csv_rows = extra_rows.assessment_csv_rows
    csv_name = "assessments"
    list_rows = values_rows.AssessmentRows

    def visible(self, user):
        organisations = Organisation.objects.visible_to(user).filter(pk=OuterRef("organisation_id"))
        return (
            StatusAssessment.objects.visible_to(user)
            .select_related("recommendation", "organisation")
            .annotate(organisation_visible=Exists(organisations))
        )


class ReviewViewSet(PublicReadOnlyViewSet):
    """Reviews: one examination of a state by a mechanism, with its document."""

    serializer_class = serializers.ReviewSerializer
    filterset_class = filters.ReviewApiFilter
    csv_header = extra_rows.REVIEW_CSV_HEADER
    csv_rows = extra_rows.review_csv_rows
    csv_name = "reviews"

    def visible(self, user):
        return Review.objects.visible_to(user).select_related("mechanism")


class MechanismViewSet(PublicReadOnlyViewSet):
    """UN treaty bodies, the UPR, special procedures, OSCE/ODIHR and the platform itself."""

    serializer_class = serializers.MechanismSerializer
    filterset_class = None
    csv_header = extra_rows.MECHANISM_CSV_HEADER
    csv_rows = extra_rows.mechanism_csv_rows
    csv_name = "mechanisms"

    def visible(self, user):
        return Mechanism.objects.all()


class ReportViewSet(PublicReadOnlyViewSet):
    """Reports: the public sees published ones; members also their organisations' drafts.

    The filters are the report list's: `kind`, `year`, `country`, `theme`, `group`, `organisation`
    (slug), plus `updated_since`.
    """

    serializer_class = serializers.ReportSerializer
    filterset_class = filters.ReportApiFilter
    csv_header = REPORT_CSV_HEADER
    csv_rows = report_csv_rows
    csv_name = "reports"
    list_rows = values_rows.ReportRows

    def visible(self, user):
        organisations = Organisation.objects.visible_to(user)
        return (
            Report.objects.visible_to(user)
            .select_related("mechanism")
            .prefetch_related(
                "themes",
                "affected_groups",
                Prefetch(
                    "authorships",
                    queryset=ReportAuthor.objects.filter(organisation__in=organisations).select_related("organisation"),
                ),
                Prefetch(
                    "proposed_recommendations",
                    queryset=Recommendation.objects.visible_to(user).only("pk").order_by("pk"),
                ),
            )
        )


class EventViewSet(PublicReadOnlyViewSet):
    """Advocacy events and actions: the public sees published public ones; members also members-only ones.

    The filters are the advocacy list's: `kind`, `year`, `country`, `forum`, `organisation` (slug), plus
    `updated_since`.
    """

    serializer_class = serializers.EventSerializer
    filterset_class = filters.EventApiFilter
    csv_header = EVENT_CSV_HEADER
    csv_rows = event_csv_rows
    csv_name = "advocacy"
    list_rows = values_rows.EventRows

    def visible(self, user):
        organisations = Organisation.objects.visible_to(user).order_by("name", "pk")
        return Event.objects.visible_to(user).prefetch_related(
            Prefetch("organisers", queryset=organisations),
            Prefetch(
                "participations",
                queryset=EventParticipant.objects.filter(organisation__in=organisations)
                .select_related("organisation")
                .order_by("pk"),
            ),
            Prefetch("addressed_bodies", queryset=organisations),
            Prefetch("reports_presented", queryset=Report.objects.visible_to(user).order_by("pk")),
            Prefetch(
                "recommendations_promoted", queryset=Recommendation.objects.visible_to(user).only("pk").order_by("pk")
            ),
        )


class OrganisationViewSet(PublicReadOnlyViewSet):
    """Organisations: NGOs, networks, donors, UN and OSCE bodies and the state bodies addressed.

    The filters are the partners list's: `kind`, `country`, `member`, plus `updated_since`.
    """

    serializer_class = serializers.OrganisationSerializer
    filterset_class = filters.OrganisationApiFilter
    csv_header = ORGANISATION_CSV_HEADER
    csv_rows = organisation_csv_rows
    csv_name = "organisations"
    list_rows = values_rows.OrganisationRows

    def visible(self, user):
        return Organisation.objects.visible_to(user)


class ThemeViewSet(PublicReadOnlyViewSet):
    """The UN Human Rights Index's themes."""

    serializer_class = serializers.ThemeSerializer
    filterset_class = None
    csv_header = extra_rows.VOCABULARY_CSV_HEADER
    csv_rows = extra_rows.vocabulary_csv_rows
    csv_name = "themes"

    def visible(self, user):
        return Theme.objects.all()


class AffectedGroupViewSet(ThemeViewSet):
    """The UN Human Rights Index's affected groups."""

    serializer_class = serializers.AffectedGroupSerializer
    csv_name = "affected-groups"

    def visible(self, user):
        return AffectedGroup.objects.all()


class SdgTargetViewSet(PublicReadOnlyViewSet):
    """Targets of the Sustainable Development Goals."""

    serializer_class = serializers.SdgTargetSerializer
    filterset_class = None
    csv_header = extra_rows.SDG_CSV_HEADER
    csv_rows = extra_rows.sdg_csv_rows
    csv_name = "sdg-targets"

    def visible(self, user):
        return SdgTarget.objects.all()


# --- the review calendar (issue 12) ---
class CycleReviewViewSet(PublicReadOnlyViewSet):
    """Calendar reviews: when a mechanism reviews (or reviewed) a state. The public sees public entries,
    members also members-only ones; drafts are the coordinators'.

    The filters are the calendar page's: `state` (ISO code), `mechanism` (code), `when` (`upcoming` or
    `past`; absent: every date), plus `updated_since`. Each entry names its `source_url` and the day it
    was last checked (`checked_on`): UN dates move.
    """

    serializer_class = serializers.CycleReviewSerializer
    filterset_class = filters.CycleReviewApiFilter
    csv_header = CALENDAR_CSV_HEADER
    csv_rows = cycle_review_csv_rows
    csv_name = "calendar-reviews"

    def visible(self, user):
        reviews = Review.objects.visible_to(user)
        return (
            CycleReview.objects.visible_to(user)
            .select_related("mechanism")
            .annotate(
                review_visible=Exists(reviews.filter(pk=OuterRef("review_id"))),
                previous_review_visible=Exists(reviews.filter(pk=OuterRef("previous_review_id"))),
                recorded_review_date=F("review__date"),
            )
        )


class DeadlineViewSet(PublicReadOnlyViewSet):
    """Deadlines around the reviews: NGO submissions, lists of issues, state reports, follow-up answers.

    A date computed from the adoption by the mechanism's rule says so (`is_computed`). The filters are
    the calendar page's: `state`, `mechanism`, `when` (absent: every date), plus `kind`, `cycle` (a
    calendar review's id) and `updated_since`.
    """

    serializer_class = serializers.DeadlineSerializer
    filterset_class = filters.DeadlineApiFilter
    csv_header = CALENDAR_CSV_HEADER
    csv_rows = deadline_csv_rows
    csv_name = "deadlines"

    def visible(self, user):
        return Deadline.objects.visible_to(user).select_related("mechanism")


class FollowUpViewSet(PublicReadOnlyViewSet):
    """Paragraphs a committee picked for its follow-up procedure, with its own grade of the state's answer.

    Public when both the calendar review and the recommendation are. Filters: `cycle`, `recommendation`,
    `grade`, `updated_since`.
    """

    serializer_class = serializers.FollowUpSerializer
    filterset_class = filters.FollowUpApiFilter
    csv_header = extra_rows.FOLLOW_UP_CSV_HEADER
    csv_rows = extra_rows.follow_up_csv_rows
    csv_name = "follow-ups"

    def visible(self, user):
        return FollowUp.objects.visible_to(user).select_related("recommendation")
