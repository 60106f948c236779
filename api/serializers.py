"""What each resource looks like in JSON.

Every object carries ``id``, its API ``url`` and, where it has one, its ``page_url`` on the site. Text
written in two languages comes three times: ``title_ru``, ``title_en`` and ``title`` in the language of
``?lang=`` (Russian by default), falling back to the other language where one is empty.

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

    Read from the ``_ru`` and ``_en`` columns directly: the translated descriptor asks the active language
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
        fields = ["id", "url", "key", "name", "name_ru", "name_en"]


class AffectedGroupSerializer(serializers.ModelSerializer):
    name = TranslatedField("name")
    url = ApiUrlField("affected-group")

    class Meta:
        model = AffectedGroup
        fields = ["id", "url", "key", "name", "name_ru", "name_en"]


class SdgTargetSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")
    url = ApiUrlField("sdg-target")

    class Meta:
        model = SdgTarget
        fields = ["id", "url", "code", "title", "title_ru", "title_en"]


class MechanismSerializer(serializers.ModelSerializer):
    name = TranslatedField("name")
    url = ApiUrlField("mechanism")
    label = serializers.CharField(read_only=True, help_text="What a reader sees: OSCE/ODIHR, CMW, …")
    kind_label = LabelField("kind")

    class Meta:
        model = Mechanism
        fields = ["id", "url", "code", "label", "name", "name_ru", "name_en", "kind", "kind_label"]


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
        fields = ["id", "url", "page_url", "slug", "name", "name_ru", "name_en", "short_name", "kind"]


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
            "short_name",
            "short_name_ru",
            "short_name_en",
            "kind",
            "kind_label",
            "country",
            "country_name",
            "city",
            "website",
            "description",
            "description_ru",
            "description_en",
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
            "kind",
            "kind_label",
            "summary",
            "summary_ru",
            "summary_en",
            "method",
            "method_ru",
            "method_en",
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
            "outcome",
            "outcome_ru",
            "outcome_en",
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
