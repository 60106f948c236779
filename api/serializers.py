"""What each resource looks like in JSON.

Every object carries ``id``, its API ``url`` and, where it has one, its ``page_url`` on the site. Text
written in the content languages comes four times: ``title_ru``, ``title_en``, ``title_ky`` and ``title`` in
the language of ``?lang=`` (Russian by default), falling back to the others where one is empty.

Embedded objects are only ever what the viewsets prefetched through each model's ``visible_to``: a
public recommendation addressed to a body that is not public lists the bodies the caller may see.
"""

from django.conf import settings
from django.urls import reverse
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from advocacy.models import Event, EventParticipant
from cycle.models import CycleReview, Deadline, FollowUp
from partners.models import Organisation
from recommendations.models import (
    AffectedGroup,
    Mechanism,
    Recommendation,
    Review,
    SdgTarget,
    StatusAssessment,
    Theme,
)
from reports.models import Report, ReportAuthor

MARKER = "999999999"
# The page of each model, as (view name, URL keyword, attribute): one reverse() per model and request,
# then string formatting; reverse() per object was most of a page's time.
PAGES = {
    "recommendation": ("recommendations:detail", "pk", "pk"),
    "organisation": ("partners:detail", "slug", "slug"),
    "report": ("reports:detail", "slug", "slug"),
    "event": ("advocacy:detail", "pk", "pk"),
    "cyclereview": ("cycle:review", "pk", "pk"),
}


def _pattern(context, key, view_name, kwarg) -> str:
    """An absolute URL with ``{}`` where the key goes, made once per request (kept in the shared context)."""
    patterns = context.setdefault("_url_patterns", {})
    if key not in patterns:
        url = reverse(view_name, kwargs={kwarg: MARKER})
        request = context.get("request")
        if request is not None:
            url = request.build_absolute_uri(url)
        patterns[key] = url.replace(MARKER, "{}")
    return patterns[key]


class ApiUrlField(serializers.Field):
    """The object's address in the API (what HyperlinkedIdentityField gives, without a reverse() per object)."""

    def __init__(self, basename, **kwargs):
        self.basename = basename
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        view_name = f"api_v1:{self.basename}-detail"
        return _pattern(self.context, view_name, view_name, "pk").format(value.pk)


extend_schema_field({"type": "string", "format": "uri"})(ApiUrlField)


class PageUrlField(serializers.Field):
    """The object's page on the site, absolute, in the language of the answer."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        view_name, kwarg, attribute = PAGES[value._meta.model_name]
        key = f"page:{view_name}:{self.context.get('lang', '')}"
        return _pattern(self.context, key, view_name, kwarg).format(getattr(value, attribute))


extend_schema_field({"type": "string", "format": "uri"})(PageUrlField)


class TranslatedField(serializers.Field):
    """A text in the answer's language, falling back to the other one (as modeltranslation does).

    Read from the ``_ru``, ``_en`` and ``_ky`` columns directly: the translated descriptor asks the active language
    on every access, which cost more than the rest of the field."""

    def __init__(self, field, **kwargs):
        self.translated_field = field
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        language = self.context.get("lang") or settings.LANGUAGE_CODE
        first = getattr(value, f"{self.translated_field}_{language}", None)
        if first:
            return first
        for code, _name in settings.LANGUAGES:
            other = getattr(value, f"{self.translated_field}_{code}", None)
            if other:
                return other
        return ""


extend_schema_field(OpenApiTypes.STR)(TranslatedField)


class LabelField(serializers.Field):
    """The translated label of a choice field: ``kind_label`` beside ``kind``."""

    def __init__(self, field_name, **kwargs):
        self.field_name_for_label = field_name
        self._labels = None
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        if self._labels is None:
            field = value._meta.get_field(self.field_name_for_label)
            self._labels = {key: str(label) for key, label in field.flatchoices}
        code = getattr(value, self.field_name_for_label)
        return self._labels.get(code, code)


extend_schema_field(OpenApiTypes.STR)(LabelField)


class CountryNameField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        self._names = {}
        super().__init__(**kwargs)

    def to_representation(self, value):
        code = _country_code(value)
        if code and code not in self._names:
            self._names[code] = str(countries.name(code) or code)
        return self._names.get(code, "")


extend_schema_field(OpenApiTypes.STR)(CountryNameField)


def _country_code(value):
    return str(getattr(value, "code", value) or "")


class CountryCodeField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return _country_code(value)


extend_schema_field({"type": "string", "description": "ISO 3166-1 alpha-2 code, or empty"})(CountryCodeField)


# --- vocabularies --------------------------------------------------------------------------------------


class ThemeSerializer(serializers.ModelSerializer):
    name = TranslatedField("name")
    url = ApiUrlField("theme")

    class Meta:
        model = Theme
        fields = ["id", "url", "key", "name", "name_ru", "name_en", "name_ky"]


class AffectedGroupSerializer(serializers.ModelSerializer):
    name = TranslatedField("name")
    url = ApiUrlField("affected-group")

    class Meta:
        model = AffectedGroup
        fields = ["id", "url", "key", "name", "name_ru", "name_en", "name_ky"]


class SdgTargetSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")
    url = ApiUrlField("sdg-target")

    class Meta:
        model = SdgTarget
        fields = ["id", "url", "code", "title", "title_ru", "title_en", "title_ky"]


class MechanismSerializer(serializers.ModelSerializer):
    name = TranslatedField("name")
    url = ApiUrlField("mechanism")
    label = serializers.CharField(read_only=True, help_text="What a reader sees: OSCE/ODIHR, CMW, …")
    kind_label = LabelField("kind")

    class Meta:
        model = Mechanism
        fields = ["id", "url", "code", "label", "name", "name_ru", "name_en", "name_ky", "kind", "kind_label"]


class ReviewSerializer(serializers.ModelSerializer):
    url = ApiUrlField("review")
    mechanism = MechanismSerializer(read_only=True)
    state = CountryCodeField()
    state_name = CountryNameField(source="state")
    document_url = serializers.URLField(source="url", read_only=True, allow_blank=True)

    class Meta:
        model = Review
        fields = [
            "id",
            "url",
            "mechanism",
            "state",
            "state_name",
            "session",
            "year",
            "document_symbol",
            "date",
            "document_url",
        ]


# --- organisations -------------------------------------------------------------------------------------


class OrganisationBriefSerializer(serializers.ModelSerializer):
    """An organisation as another object names it (only ever one the caller may see)."""

    name = TranslatedField("name")
    short_name = TranslatedField("short_name")
    url = ApiUrlField("organisation")
    page_url = PageUrlField()

    class Meta:
        model = Organisation
        fields = ["id", "url", "page_url", "slug", "name", "name_ru", "name_en", "name_ky", "short_name", "kind"]


class OrganisationSerializer(serializers.ModelSerializer):
    name = TranslatedField("name")
    short_name = TranslatedField("short_name")
    description = TranslatedField("description")
    url = ApiUrlField("organisation")
    page_url = PageUrlField()
    kind_label = LabelField("kind")
    country = CountryCodeField()
    country_name = CountryNameField(source="country")

    class Meta:
        model = Organisation
        fields = [
            "id",
            "url",
            "page_url",
            "slug",
            "name",
            "name_ru",
            "name_en",
            "name_ky",
            "short_name",
            "short_name_ru",
            "short_name_en",
            "short_name_ky",
            "kind",
            "kind_label",
            "country",
            "country_name",
            "city",
            "website",
            "description",
            "description_ru",
            "description_en",
            "description_ky",
            "is_platform_member",
            "created_at",
            "updated_at",
        ]


# --- recommendations and assessments -------------------------------------------------------------------


class AssessmentBriefSerializer(serializers.ModelSerializer):
    url = ApiUrlField("assessment")
    status_label = LabelField("status")

    class Meta:
        model = StatusAssessment
        fields = ["id", "url", "status", "status_label", "assessed_on", "evidence", "source_url"]


class RecommendationSerializer(serializers.ModelSerializer):
    text = TranslatedField("text")
    url = ApiUrlField("recommendation")
    page_url = PageUrlField()
    review = ReviewSerializer(read_only=True)
    kind_label = LabelField("kind")
    status_label = LabelField("status")
    latest_assessment = serializers.SerializerMethodField(
        help_text="The latest confirmed assessment, which the current status comes from."
    )
    themes = ThemeSerializer(many=True, read_only=True)
    affected_groups = AffectedGroupSerializer(many=True, read_only=True)
    sdg_targets = SdgTargetSerializer(many=True, read_only=True)
    addressed_bodies = OrganisationBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "url",
            "page_url",
            "review",
            "paragraph",
            "kind",
            "kind_label",
            "text",
            "text_ru",
            "text_en",
            "text_ky",
            "status",
            "status_label",
            "status_date",
            "latest_assessment",
            "themes",
            "affected_groups",
            "sdg_targets",
            "addressed_bodies",
            "upr_response",
            "recommending_states",
            "uhri_id",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(AssessmentBriefSerializer(allow_null=True))
    def get_latest_assessment(self, recommendation):
        confirmed = getattr(recommendation, "confirmed_assessments", None)
        if not confirmed:
            return None
        # One child serializer for the whole page: building one per object cost more than using it.
        if not hasattr(self, "_latest_assessment"):
            self._latest_assessment = AssessmentBriefSerializer(context=self.context)
        return self._latest_assessment.to_representation(confirmed[0])


class RecommendationBriefSerializer(serializers.ModelSerializer):
    url = ApiUrlField("recommendation")
    page_url = PageUrlField()

    class Meta:
        model = Recommendation
        fields = ["id", "url", "page_url"]


class AssessmentSerializer(serializers.ModelSerializer):
    url = ApiUrlField("assessment")
    recommendation = RecommendationBriefSerializer(read_only=True)
    status_label = LabelField("status")
    state_label = LabelField("state")
    organisation = serializers.SerializerMethodField()
    source_file_url = serializers.SerializerMethodField()

    class Meta:
        model = StatusAssessment
        fields = [
            "id",
            "url",
            "recommendation",
            "status",
            "status_label",
            "assessed_on",
            "evidence",
            "source_url",
            "source_file_url",
            "state",
            "state_label",
            "organisation",
            "created_at",
            "reviewed_at",
        ]

    @extend_schema_field(OrganisationBriefSerializer(allow_null=True))
    def get_organisation(self, assessment):
        # The viewset annotates whether the caller may see the organisation (its visible_to rule).
        if assessment.organisation_id is None or not getattr(assessment, "organisation_visible", False):
            return None
        if not hasattr(self, "_organisation"):
            self._organisation = OrganisationBriefSerializer(context=self.context)
        return self._organisation.to_representation(assessment.organisation)

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_source_file_url(self, assessment):
        if not assessment.source_file:
            return None
        return self.context["request"].build_absolute_uri(assessment.get_file_url())


# --- reports and events --------------------------------------------------------------------------------


class ReportAuthorSerializer(serializers.ModelSerializer):
    organisation = OrganisationBriefSerializer(read_only=True)
    role_label = LabelField("role")

    class Meta:
        model = ReportAuthor
        fields = ["organisation", "role", "role_label"]


class ReportBriefSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")
    url = ApiUrlField("report")
    page_url = PageUrlField()

    class Meta:
        model = Report
        fields = ["id", "url", "page_url", "title"]


class ReportSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")
    summary = TranslatedField("summary")
    method = TranslatedField("method")
    url = ApiUrlField("report")
    page_url = PageUrlField()
    kind_label = LabelField("kind")
    countries = serializers.SerializerMethodField()
    themes = ThemeSerializer(many=True, read_only=True)
    affected_groups = AffectedGroupSerializer(many=True, read_only=True)
    authors = ReportAuthorSerializer(source="authorships", many=True, read_only=True)
    mechanism = MechanismSerializer(read_only=True, allow_null=True)
    review = serializers.SerializerMethodField()
    proposed_recommendations = RecommendationBriefSerializer(many=True, read_only=True)
    file_url = serializers.SerializerMethodField()
    status_label = LabelField("status")

    class Meta:
        model = Report
        fields = [
            "id",
            "url",
            "page_url",
            "slug",
            "title",
            "title_ru",
            "title_en",
            "title_ky",
            "kind",
            "kind_label",
            "summary",
            "summary_ru",
            "summary_en",
            "summary_ky",
            "method",
            "method_ru",
            "method_en",
            "method_ky",
            "published_on",
            "languages",
            "countries",
            "themes",
            "affected_groups",
            "authors",
            "mechanism",
            "review",
            "proposed_recommendations",
            "file_url",
            "external_url",
            "status",
            "status_label",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_review(self, report):
        if report.review_id is None:
            return None
        return _pattern(self.context, "api_v1:review-detail", "api_v1:review-detail", "pk").format(report.review_id)

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_countries(self, report):
        return [_country_code(code) for code in report.countries]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_file_url(self, report):
        if not report.file:
            return None
        return self.context["request"].build_absolute_uri(report.get_file_url())


class EventParticipantSerializer(serializers.ModelSerializer):
    organisation = OrganisationBriefSerializer(read_only=True)

    class Meta:
        model = EventParticipant
        fields = ["organisation", "role"]


class EventSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")
    description = TranslatedField("description")
    outcome = TranslatedField("outcome")
    url = ApiUrlField("event")
    page_url = PageUrlField()
    kind_label = LabelField("kind")
    country = CountryCodeField()
    country_name = CountryNameField(source="country")
    organisers = OrganisationBriefSerializer(many=True, read_only=True)
    participants = EventParticipantSerializer(source="participations", many=True, read_only=True)
    addressed_bodies = OrganisationBriefSerializer(many=True, read_only=True)
    reports_presented = ReportBriefSerializer(many=True, read_only=True)
    recommendations_promoted = RecommendationBriefSerializer(many=True, read_only=True)
    visibility_label = LabelField("visibility")
    status_label = LabelField("status")

    class Meta:
        model = Event
        fields = [
            "id",
            "url",
            "page_url",
            "title",
            "title_ru",
            "title_en",
            "title_ky",
            "kind",
            "kind_label",
            "starts_on",
            "ends_on",
            "place",
            "country",
            "country_name",
            "forum",
            "description",
            "description_ru",
            "description_en",
            "description_ky",
            "outcome",
            "outcome_ru",
            "outcome_en",
            "outcome_ky",
            "organisers",
            "participants",
            "addressed_bodies",
            "reports_presented",
            "recommendations_promoted",
            "visibility",
            "visibility_label",
            "status",
            "status_label",
            "created_at",
            "updated_at",
        ]


# --- the review calendar (issue 12) --------------------------------------------------------------------

SOURCE_HELP = "Where the date comes from (UN dates move)."
CHECKED_HELP = "The day a person last checked the date against its source."
PRECISION_HELP = "`month` or `year` when the source gives no day: the date is then the first day of its month or year."


def _api_link(context, basename, pk):
    if pk is None:
        return None
    view_name = f"api_v1:{basename}-detail"
    return _pattern(context, view_name, view_name, "pk").format(pk)


class CycleReviewSerializer(serializers.ModelSerializer):
    url = ApiUrlField("calendar-review")
    page_url = PageUrlField()
    mechanism = MechanismSerializer(read_only=True)
    state = CountryCodeField()
    state_name = CountryNameField(source="state")
    session = TranslatedField("session")
    notes = TranslatedField("notes")
    date_precision = serializers.CharField(read_only=True, help_text=PRECISION_HELP)
    date_precision_label = LabelField("date_precision")
    source_url = serializers.URLField(read_only=True, allow_blank=True, help_text=SOURCE_HELP)
    checked_on = serializers.DateField(read_only=True, allow_null=True, help_text=CHECKED_HELP)
    follow_up_counted_from = serializers.SerializerMethodField(
        help_text="The date follow-up deadlines are counted from: the adoption, else the session's last day, "
        "else the recorded review's date."
    )
    follow_up_counted_from_is_computed = serializers.SerializerMethodField(
        help_text="True when no adoption date is recorded and `follow_up_counted_from` is inferred."
    )
    review = serializers.SerializerMethodField(help_text="The recorded review (with its recommendations), if public.")
    previous_review = serializers.SerializerMethodField(
        help_text="The review whose recommendations the state reports on, if public."
    )

    class Meta:
        model = CycleReview
        fields = [
            "id",
            "url",
            "page_url",
            "mechanism",
            "state",
            "state_name",
            "session",
            "session_ru",
            "session_en",
            "session_ky",
            "starts_on",
            "ends_on",
            "review_on",
            "date_precision",
            "date_precision_label",
            "adopted_on",
            "follow_up_counted_from",
            "follow_up_counted_from_is_computed",
            "document_symbol",
            "review",
            "previous_review",
            "notes",
            "notes_ru",
            "notes_en",
            "notes_ky",
            "source_url",
            "checked_on",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field({"type": "string", "format": "date", "nullable": True})
    def get_follow_up_counted_from(self, cycle):
        recorded = getattr(cycle, "recorded_review_date", None) if getattr(cycle, "review_visible", False) else None
        return cycle.adopted_on or cycle.ends_on or recorded

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_follow_up_counted_from_is_computed(self, cycle):
        return cycle.adopted_on is None and self.get_follow_up_counted_from(cycle) is not None

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_review(self, cycle):
        # The viewset annotates whether the caller may see the recorded review (its visible_to rule).
        return _api_link(self.context, "review", cycle.review_id if getattr(cycle, "review_visible", False) else None)

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_previous_review(self, cycle):
        visible = getattr(cycle, "previous_review_visible", False)
        return _api_link(self.context, "review", cycle.previous_review_id if visible else None)


class DeadlineSerializer(serializers.ModelSerializer):
    url = ApiUrlField("deadline")
    page_url = serializers.SerializerMethodField(help_text="The deadline on its review's page, or on the calendar.")
    mechanism = MechanismSerializer(read_only=True)
    state = CountryCodeField()
    state_name = CountryNameField(source="state")
    kind_label = LabelField("kind")
    title = TranslatedField("title")
    label = serializers.SerializerMethodField(help_text="The title, or the kind's label where there is none.")
    notes = TranslatedField("notes")
    cycle = serializers.SerializerMethodField(help_text="The calendar review this deadline belongs to, if any.")
    date_precision = serializers.CharField(read_only=True, help_text=PRECISION_HELP)
    date_precision_label = LabelField("date_precision")
    is_computed = serializers.BooleanField(
        read_only=True,
        help_text="True when `due_on` was computed from the adoption date by the mechanism's rule, "
        "not read from a source.",
    )
    source_url = serializers.URLField(read_only=True, allow_blank=True, help_text=SOURCE_HELP)
    checked_on = serializers.DateField(read_only=True, allow_null=True, help_text=CHECKED_HELP)

    class Meta:
        model = Deadline
        fields = [
            "id",
            "url",
            "page_url",
            "mechanism",
            "state",
            "state_name",
            "kind",
            "kind_label",
            "title",
            "title_ru",
            "title_en",
            "title_ky",
            "label",
            "due_on",
            "date_precision",
            "date_precision_label",
            "is_computed",
            "cycle",
            "notes",
            "notes_ru",
            "notes_en",
            "notes_ky",
            "source_url",
            "checked_on",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_page_url(self, deadline):
        if deadline.cycle_id:
            key = f"page:cycle:review:{self.context.get('lang', '')}"
            url = _pattern(self.context, key, "cycle:review", "pk").format(deadline.cycle_id)
        else:
            url = self._calendar_url()
        return f"{url}#deadline-{deadline.pk}"

    def _calendar_url(self):
        patterns = self.context.setdefault("_url_patterns", {})
        key = f"page:cycle:calendar:{self.context.get('lang', '')}"
        if key not in patterns:
            request = self.context.get("request")
            url = reverse("cycle:calendar")
            patterns[key] = request.build_absolute_uri(url) if request is not None else url
        return patterns[key]

    @extend_schema_field(OpenApiTypes.STR)
    def get_label(self, deadline):
        title = self.fields["title"].to_representation(deadline)
        return title or self.fields["kind_label"].to_representation(deadline)

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_cycle(self, deadline):
        # Deadline.visible_to only gives a deadline whose review the caller may see.
        return _api_link(self.context, "calendar-review", deadline.cycle_id)


class FollowUpSerializer(serializers.ModelSerializer):
    url = ApiUrlField("follow-up")
    page_url = serializers.SerializerMethodField(help_text="The calendar review's page, which lists the paragraph.")
    cycle = serializers.SerializerMethodField(help_text="The calendar review whose follow-up procedure this is.")
    recommendation = RecommendationBriefSerializer(read_only=True)
    paragraph = serializers.CharField(source="recommendation.paragraph", read_only=True)
    grade = serializers.CharField(
        read_only=True, help_text="The committee's own grade (A–E) of the state's answer, beside the platform's status."
    )
    grade_label = LabelField("grade")
    committee_assessment = TranslatedField("committee_assessment")
    source_url = serializers.URLField(read_only=True, allow_blank=True, help_text="The committee's follow-up letter.")

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "url",
            "page_url",
            "cycle",
            "recommendation",
            "paragraph",
            "grade",
            "grade_label",
            "committee_assessment",
            "committee_assessment_ru",
            "committee_assessment_en",
            "committee_assessment_ky",
            "assessed_on",
            "source_url",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_page_url(self, follow_up):
        key = f"page:cycle:review:{self.context.get('lang', '')}"
        return _pattern(self.context, key, "cycle:review", "pk").format(follow_up.cycle_id)

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_cycle(self, follow_up):
        return _api_link(self.context, "calendar-review", follow_up.cycle_id)
