"""The two large resources of the dump, recommendations and assessments, written without a model per row.

The API's serializers take about a millisecond per recommendation (a model instance per related row,
a serializer call per nested object): fine for a page of 100, twenty minutes for 500,000 objects a
night. Here each chunk is read with ``values()`` and the related rows as id pairs; every nested
object (review with its mechanism, theme, group, SDG target, addressed body) is serialized once,
by the API's own serializers, and reused. Plain fields go through the serializer's own bound fields,
so dates, times and texts are written exactly as the API writes them; tests compare the two, object
by object.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef
from rest_framework.utils.encoders import JSONEncoder

from partners.models import Organisation
from recommendations.models import AffectedGroup, Recommendation, Review, SdgTarget, StatusAssessment, Theme

from . import serializers as api

CHUNK = 5000


def _text(row, field, language):
    value = row.get(f"{field}_{language}")
    if value:
        return value
    for code, _name in settings.LANGUAGES:
        if row.get(f"{field}_{code}"):
            return row[f"{field}_{code}"]
    return ""


def _labels(model, field):
    return {key: str(label) for key, label in model._meta.get_field(field).flatchoices}


def _plain(fields, name, value):
    return None if value is None else fields[name].to_representation(value)


ENCODER = JSONEncoder(ensure_ascii=False)


def _ranked(serializer_class, queryset, context, *, encoded=True):
    """pk → (position in the API's order, the API's representation as JSON), each serialized once."""
    serializer = serializer_class(context=context)
    return {
        obj.pk: (rank, ENCODER.encode(data) if encoded else data)
        for rank, obj in enumerate(queryset)
        for data in [serializer.to_representation(obj)]
    }


def _related(through, left, right, first, last, ranked) -> dict:
    """left id → JSON array of the right objects the caller may see, in the API's order, for ids in (first, last].

    A range on the left id rather than ``IN`` (thousands of parameters): the through table's index on it
    serves both.
    """
    grouped = {}
    rows = through.objects.filter(**{f"{left}__gt": first, f"{left}__lte": last}).values_list(left, right)
    for left_id, right_id in rows.iterator(chunk_size=CHUNK):
        if right_id in ranked:
            grouped.setdefault(left_id, []).append(ranked[right_id])
    return {
        key: "[" + ",".join(item for _rank, item in sorted(items, key=lambda pair: pair[0])) + "]"
        for key, items in grouped.items()
    }


def _line(fields: dict, nested: dict) -> str:
    """One JSON object: the plain fields encoded at once, the nested ones spliced in as already encoded JSON."""
    head = ENCODER.encode(fields)
    tail = "".join(f',"{name}":{value}' for name, value in nested.items())
    return head[:-1] + tail + "}\n"


def recommendation_json(request, context):
    """JSON lines: each public recommendation as the API's ``RecommendationSerializer`` writes it, in id order."""
    user, language = request.user, context["lang"]
    fields = api.RecommendationSerializer(context=context).fields
    url = api._pattern(context, "api_v1:recommendation-detail", "api_v1:recommendation-detail", "pk")
    page = api._pattern(context, f"page:recommendations:detail:{language}", "recommendations:detail", "pk")
    assessment_url = api._pattern(context, "api_v1:assessment-detail", "api_v1:assessment-detail", "pk")
    review_serializer = api.ReviewSerializer(context=context)
    reviews = {
        review.pk: ENCODER.encode(review_serializer.to_representation(review))
        for review in Review.objects.visible_to(user).select_related("mechanism")
    }
    themes = _ranked(api.ThemeSerializer, Theme.objects.all(), context)
    groups = _ranked(api.AffectedGroupSerializer, AffectedGroup.objects.all(), context)
    sdgs = _ranked(api.SdgTargetSerializer, SdgTarget.objects.all(), context)
    bodies = _ranked(api.OrganisationBriefSerializer, Organisation.objects.visible_to(user).order_by("name"), context)
    kinds, statuses = _labels(Recommendation, "kind"), _labels(Recommendation, "status")
    brief = api.AssessmentBriefSerializer(context=context).fields
    queryset = Recommendation.objects.visible_to(user).order_by("pk")
    last = 0
    while True:
        rows = list(
            queryset.filter(pk__gt=last).values(
                "pk",
                "review_id",
                "paragraph",
                "kind",
                "text_ru",
                "text_en",
                "status",
                "status_date",
                "upr_response",
                "recommending_states",
                "uhri_id",
                "created_at",
                "updated_at",
            )[:CHUNK]
        )
        if not rows:
            return
        first, end = last, rows[-1]["pk"]
        through = Recommendation.themes.through
        rec_themes = _related(through, "recommendation_id", "theme_id", first, end, themes)
        through = Recommendation.affected_groups.through
        rec_groups = _related(through, "recommendation_id", "affectedgroup_id", first, end, groups)
        through = Recommendation.sdg_targets.through
        rec_sdgs = _related(through, "recommendation_id", "sdgtarget_id", first, end, sdgs)
        through = Recommendation.addressed_bodies.through
        rec_bodies = _related(through, "recommendation_id", "organisation_id", first, end, bodies)
        latest = {}
        confirmed = (
            StatusAssessment.objects.confirmed()
            .filter(recommendation_id__gt=first, recommendation_id__lte=end)
            .order_by("recommendation_id", "-assessed_on", "-created_at", "-pk")
            .values("pk", "recommendation_id", "status", "assessed_on", "evidence", "source_url")
        )
        for item in confirmed:
            if item["recommendation_id"] not in latest:
                latest[item["recommendation_id"]] = {
                    "id": item["pk"],
                    "url": assessment_url.format(item["pk"]),
                    "status": item["status"],
                    "status_label": statuses.get(item["status"], item["status"]),
                    "assessed_on": _plain(brief, "assessed_on", item["assessed_on"]),
                    "evidence": item["evidence"],
                    "source_url": item["source_url"],
                }
        for row in rows:
            pk = row["pk"]
            plain = {
                "id": pk,
                "url": url.format(pk),
                "page_url": page.format(pk),
                "paragraph": row["paragraph"],
                "kind": row["kind"],
                "kind_label": kinds.get(row["kind"], row["kind"]),
                "text": _text(row, "text", language),
                "text_ru": row["text_ru"],
                "text_en": row["text_en"],
                "status": row["status"],
                "status_label": statuses.get(row["status"], row["status"]),
                "status_date": _plain(fields, "status_date", row["status_date"]),
                "latest_assessment": latest.get(pk),
                "upr_response": row["upr_response"],
                "recommending_states": row["recommending_states"],
                "uhri_id": row["uhri_id"],
                "created_at": _plain(fields, "created_at", row["created_at"]),
                "updated_at": _plain(fields, "updated_at", row["updated_at"]),
            }
            nested = {
                "review": reviews.get(row["review_id"], "null"),
                "themes": rec_themes.get(pk, "[]"),
                "affected_groups": rec_groups.get(pk, "[]"),
                "sdg_targets": rec_sdgs.get(pk, "[]"),
                "addressed_bodies": rec_bodies.get(pk, "[]"),
            }
            yield _line(plain, nested)
        last = end


def assessment_json(request, context):
    """JSON lines: each assessment the public may see as the API's ``AssessmentSerializer`` writes it."""
    user, language = request.user, context["lang"]
    fields = api.AssessmentSerializer(context=context).fields
    url = api._pattern(context, "api_v1:assessment-detail", "api_v1:assessment-detail", "pk")
    rec_url = api._pattern(context, "api_v1:recommendation-detail", "api_v1:recommendation-detail", "pk")
    rec_page = api._pattern(context, f"page:recommendations:detail:{language}", "recommendations:detail", "pk")
    organisations = _ranked(api.OrganisationBriefSerializer, Organisation.objects.visible_to(user), context)
    statuses, states = _labels(StatusAssessment, "status"), _labels(StatusAssessment, "state")
    request_ = context["request"]
    visible = Organisation.objects.visible_to(user).filter(pk=OuterRef("organisation_id"))
    queryset = (
        StatusAssessment.objects.visible_to(user)
        .order_by("pk")
        .annotate(organisation_visible=Exists(visible))
        .values(
            "pk",
            "recommendation_id",
            "status",
            "assessed_on",
            "evidence",
            "source_url",
            "source_file",
            "state",
            "organisation_id",
            "organisation_visible",
            "created_at",
            "reviewed_at",
        )
    )
    last = 0
    while True:
        rows = list(queryset.filter(pk__gt=last)[:CHUNK])
        if not rows:
            return
        for row in rows:
            organisation = "null"
            if row["organisation_id"] is not None and row["organisation_visible"]:
                organisation = organisations.get(row["organisation_id"], (0, "null"))[1]
            file_url = None
            if row["source_file"]:
                file_url = request_.build_absolute_uri(
                    StatusAssessment(pk=row["pk"], recommendation_id=row["recommendation_id"]).get_file_url()
                )
            plain = {
                "id": row["pk"],
                "url": url.format(row["pk"]),
                "recommendation": {
                    "id": row["recommendation_id"],
                    "url": rec_url.format(row["recommendation_id"]),
                    "page_url": rec_page.format(row["recommendation_id"]),
                },
                "status": row["status"],
                "status_label": statuses.get(row["status"], row["status"]),
                "assessed_on": _plain(fields, "assessed_on", row["assessed_on"]),
                "evidence": row["evidence"],
                "source_url": row["source_url"],
                "source_file_url": file_url,
                "state": row["state"],
                "state_label": states.get(row["state"], row["state"]),
                "created_at": _plain(fields, "created_at", row["created_at"]),
                "reviewed_at": _plain(fields, "reviewed_at", row["reviewed_at"]),
            }
            yield _line(plain, {"organisation": organisation})
        last = rows[-1]["pk"]
