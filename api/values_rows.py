"""List pages and dumps built from ``values()``: each object exactly as its serializer writes it, without models.

A serializer over model instances took about a millisecond per recommendation: a model instance for the
row and for every related row (with modeltranslation's and the related managers' set-up), then a
``get_attribute`` and a ``to_representation`` call per field of every nested object. Here a serializer's
bound fields are read once per request and compiled into a :class:`Plan`: the columns to select with
``values()`` and, per field, a small function of the row that calls the same field's
``to_representation``, the same URL pattern, label table and language fallback. Nested objects met by
many rows (a review, a theme) are built once per page. Each related list is one ``values()`` query for
the whole page, through the same ``visible_to`` querysets the viewsets prefetch with, so the page costs
the same queries at 10 objects as at 100 and shows nothing the serializers would not.

The serializers stay what the schema documents and what a detail answers; the tests compare the two.
A field this module cannot read from a column (a property, a method field, a related list) must be given
by the caller (``related``) or have its columns in ``PROPERTIES``: compiling fails loudly otherwise.
"""

from django.conf import settings
from django.db import connection
from django.db.models import F, OuterRef, Subquery
from rest_framework import serializers as drf

from partners.models import Organisation
from recommendations.models import AffectedGroup, Mechanism, Recommendation, SdgTarget, StatusAssessment, Theme

from . import serializers as api

PARENT = "api_parent_id"
ARRAY = "api_{}_ids"
# Model properties the serializers print, with the columns they are computed from (on a model made of them).
PROPERTIES = {(Mechanism, "label"): ("code", "name", "kind")}


class Plan:
    """One serializer compiled against ``values()`` rows: ``columns`` to select, ``build(row)`` the object.

    ``prefix`` reads a nested object from its parent's row (``review__mechanism__``); ``related`` names the
    fields the caller fills per page (``plan.page[name]``: parent id → value) with their default;
    ``computed`` the fields made from the row by the caller's function, as ``name: (columns, function)``.
    """

    def __init__(self, serializer_class, context, *, prefix="", related=None, computed=None):
        serializer = serializer_class(context=context)
        self.context = context
        self.model = serializer.Meta.model
        self.prefix = prefix
        self.pk = prefix + self.model._meta.pk.attname
        self.columns = {self.pk: None}  # an ordered set
        self.page = {}
        self.memo = {}
        related, computed = related or {}, computed or {}
        self.steps = []
        for name, field in serializer.fields.items():
            if name in related:
                self.steps.append((name, self._related(name, related[name])))
            elif name in computed:
                columns, function = computed[name]
                self.columns.update(dict.fromkeys(columns))
                self.steps.append((name, function))
            else:
                self.steps.append((name, self._compile(field)))

    def build(self, row) -> dict:
        return {name: step(row) for name, step in self.steps}

    def build_once(self, row) -> dict:
        """The object of a row, made once per id: nested objects that many rows share."""
        key = row[self.pk]
        if key not in self.memo:
            self.memo[key] = self.build(row)
        return self.memo[key]

    def _column(self, name) -> str:
        column = self.prefix + name
        self.columns[column] = None
        return column

    def _related(self, name, default):
        pk, values = self.pk, self.page
        if isinstance(default, list):
            return lambda row: values[name].get(row[pk]) or []
        return lambda row: values[name].get(row[pk], default)

    def _compile(self, field):
        if isinstance(field, api.ApiUrlField):
            view_name = f"api_v1:{field.basename}-detail"
            pattern = api._pattern(self.context, view_name, view_name, "pk")
            pk = self.pk
            return lambda row: pattern.format(row[pk])
        if isinstance(field, api.PageUrlField):
            view_name, kwarg, attribute = api.PAGES[self.model._meta.model_name]
            key = f"page:{view_name}:{self.context.get('lang', '')}"
            pattern = api._pattern(self.context, key, view_name, kwarg)
            column = self.pk if attribute == "pk" else self._column(attribute)
            return lambda row: pattern.format(row[column])
        if isinstance(field, api.TranslatedField):
            return self._translated(field.translated_field)
        if isinstance(field, api.LabelField):
            name = field.field_name_for_label
            labels = {key: str(label) for key, label in self.model._meta.get_field(name).flatchoices}
            column = self._column(name)
            return lambda row: labels.get(row[column], row[column])
        if isinstance(field, drf.ListSerializer | drf.SerializerMethodField | drf.RelatedField | drf.ManyRelatedField):
            raise TypeError(f"{type(self).__name__}: {field.field_name} of {self.model.__name__} must be given")
        if isinstance(field, drf.BaseSerializer):
            nested = Plan(type(field), self.context, prefix=f"{self.prefix}{'__'.join(field.source_attrs)}__")
            self.columns.update(nested.columns)
            return lambda row: None if row[nested.pk] is None else nested.build_once(row)
        return self._plain(field)

    def _translated(self, name):
        """``TranslatedField``: the answer's language, else the first language written, else ""."""
        names = {field.name for field in self.model._meta.concrete_fields}
        language = self.context.get("lang") or settings.LANGUAGE_CODE
        codes = [language] + [code for code, _name in settings.LANGUAGES]
        columns = [self._column(f"{name}_{code}") for code in dict.fromkeys(codes) if f"{name}_{code}" in names]

        def translated(row):
            for column in columns:
                if row[column]:
                    return row[column]
            return ""

        return translated

    def _plain(self, field):
        """A column (or a property's columns) through the field's own ``to_representation``; None stays None."""
        attrs = field.source_attrs
        model = self.model
        for attr in attrs[:-1]:
            model = model._meta.get_field(attr).related_model
        represent = field.to_representation
        if len(attrs) == 1 and (model, attrs[0]) in PROPERTIES:
            sources = {name: self._column(name) for name in PROPERTIES[model, attrs[0]]}
            return lambda row: represent(getattr(model(**{name: row[c] for name, c in sources.items()}), attrs[0]))
        concrete = model._meta.get_field(attrs[-1])  # FieldDoesNotExist: a property missing from PROPERTIES
        column = self._column("__".join([*attrs[:-1], concrete.attname]))

        def plain(row):
            value = row[column]
            return None if value is None else represent(value)

        return plain


def related_objects(model, ids, lists: dict, **annotations) -> tuple[dict, dict]:
    """The many-to-many ``lists`` ({field name: (plan, queryset)}) of the parents ``ids``, and ``annotations``.

    Returns (name → parent id → the plan's objects, in the queryset's order and filtered by it; parent id →
    its annotations). On PostgreSQL the related ids come in one query of the parents by primary key, each
    list the array of a correlated subquery: a look-up in the through table's index per parent, a plan that
    holds without planner statistics (after a bulk load ``through.parent_id IN (a hundred ids)`` is
    estimated at half the table and read whole); the objects then by primary key. Elsewhere (SQLite)
    the objects come through the through table directly, one query a list.
    """
    objects = {name: {} for name in lists}
    fields = {name: model._meta.get_field(name) for name in lists}
    postgres = connection.vendor == "postgresql"
    if postgres:
        from django.contrib.postgres.expressions import ArraySubquery

        for name, field in fields.items():
            through = field.remote_field.through.objects.filter(**{field.m2m_field_name(): OuterRef("pk")})
            annotations[ARRAY.format(name)] = ArraySubquery(through.values(field.m2m_reverse_field_name()))
    annotated = {}
    if annotations:
        parents = model._default_manager.filter(pk__in=ids).order_by().values("pk", **annotations)
        annotated = {row["pk"]: row for row in parents}
    for name, (plan, queryset) in lists.items():
        grouped = objects[name]
        if not postgres:
            parent = fields[name].related_query_name()
            rows = queryset.filter(**{f"{parent}__in": ids}).values(*plan.columns, **{PARENT: F(parent)})
            for row in rows:
                grouped.setdefault(row[PARENT], []).append(plan.build_once(row))
            continue
        key = ARRAY.format(name)
        wanted = {pk for row in annotated.values() for pk in row[key]}
        if not wanted:
            continue
        ranked = {row[plan.pk]: plan.build_once(row) for row in queryset.filter(pk__in=wanted).values(*plan.columns)}
        rank = {pk: position for position, pk in enumerate(ranked)}
        for parent_id, row in annotated.items():
            found = sorted((pk for pk in row[key] if pk in rank), key=rank.__getitem__)
            if found:
                grouped[parent_id] = [ranked[pk] for pk in found]
    return objects, annotated


class RecommendationRows:
    """A page of recommendations as ``RecommendationSerializer`` writes them, from ``values(*columns)`` rows.

    Seven queries a page whatever its size (the page, the related ids, themes, affected groups, SDG targets,
    addressed bodies, latest confirmed assessments); the addressed bodies are those ``Organisation.visible_to``
    the caller, as the viewset prefetches them for a detail.
    """

    def __init__(self, *, user, context):
        self.user = user
        many = {"themes": [], "affected_groups": [], "sdg_targets": [], "addressed_bodies": []}
        self.plan = Plan(api.RecommendationSerializer, context, related={**many, "latest_assessment": None})
        self.columns = tuple(self.plan.columns)
        self.lists = {
            "themes": (Plan(api.ThemeSerializer, context), Theme.objects.all()),
            "affected_groups": (Plan(api.AffectedGroupSerializer, context), AffectedGroup.objects.all()),
            "sdg_targets": (Plan(api.SdgTargetSerializer, context), SdgTarget.objects.all()),
            "addressed_bodies": (
                Plan(api.OrganisationBriefSerializer, context),
                Organisation.objects.visible_to(user).order_by("name"),
            ),
        }
        self.assessment = Plan(api.AssessmentBriefSerializer, context)
        latest_first = StatusAssessment.objects.confirmed().order_by("-assessed_on", "-created_at", "-pk")
        self.latest = Subquery(latest_first.filter(recommendation_id=OuterRef("pk")).values("pk")[:1])

    def __call__(self, rows) -> list[dict]:
        ids = [row["id"] for row in rows]
        if not ids:
            return []
        page = self.plan.page
        lists, annotated = related_objects(Recommendation, ids, self.lists, api_latest=self.latest)
        page.update(lists)
        latest = {row["api_latest"]: pk for pk, row in annotated.items() if row["api_latest"] is not None}
        assessments = StatusAssessment.objects.filter(pk__in=latest).values(*self.assessment.columns)
        page["latest_assessment"] = {latest[row["id"]]: self.assessment.build(row) for row in assessments}
        return [self.plan.build(row) for row in rows]


class OrganisationRows:
    """A page of organisations as ``OrganisationSerializer`` writes them: plain columns only, no query of its own."""

    def __init__(self, *, user, context):
        self.plan = Plan(api.OrganisationSerializer, context)
        self.columns = tuple(self.plan.columns)

    def __call__(self, rows) -> list[dict]:
        return [self.plan.build(row) for row in rows]


class AssessmentRows:
    """A page of status assessments as ``AssessmentSerializer`` writes them, in the page's one query.

    The organisation is printed only where the viewset's queryset says the caller may see it
    (``organisation_visible``, its ``visible_to`` rule as a subquery), as the serializer does.
    """

    def __init__(self, *, user, context):
        organisation = Plan(api.OrganisationBriefSerializer, context, prefix="organisation__")
        request = context["request"]

        def organisation_or_none(row):
            return organisation.build_once(row) if row["organisation_visible"] and row[organisation.pk] else None

        def file_url(row):
            if not row["source_file"]:
                return None
            assessment = StatusAssessment(pk=row["id"], recommendation_id=row["recommendation__id"])
            return request.build_absolute_uri(assessment.get_file_url())

        computed = {
            "organisation": ((*organisation.columns, "organisation_visible"), organisation_or_none),
            "source_file_url": (("source_file", "recommendation__id"), file_url),
        }
        self.plan = Plan(api.AssessmentSerializer, context, computed=computed)
        self.columns = tuple(self.plan.columns)

    def __call__(self, rows) -> list[dict]:
        return [self.plan.build(row) for row in rows]
