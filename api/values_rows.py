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

import functools

from django.conf import settings
from django.db import connection
from django.db.models import F, OuterRef, Subquery
from django.db.models.base import ModelState
from django.utils import translation
from rest_framework import serializers as drf

from advocacy.models import EventParticipant
from partners.models import Organisation
from recommendations.models import AffectedGroup, Mechanism, Recommendation, SdgTarget, StatusAssessment, Theme
from reports.models import Report, ReportAuthor

from . import serializers as api

PARENT = "api_parent_id"
ARRAY = "api_{}_ids"
# Model properties the serializers print, with the columns they are computed from (on a model made of them).
PROPERTIES = {(Mechanism, "label"): ("code", "name", "kind")}
# Method fields read from a few columns, with those columns (attribute names).
METHODS = {
    (api.ReportSerializer, "countries"): ("countries",),
    (api.ReportSerializer, "review"): ("review_id",),
    (api.ReportSerializer, "file_url"): ("file", "slug"),
}


@functools.cache
def _fields(serializer_class, language):
    return serializer_class().fields


def serializer_fields(serializer_class) -> dict:
    """A serializer's bound fields, built once per language (a country's name is cached in its field).

    Only their declarations and ``to_representation`` are used here, never their context: the plans
    read URLs, labels and languages from the request's own context.
    """
    return _fields(serializer_class, translation.get_language())


def _bare(model, attributes: dict):
    """A model instance holding only ``attributes``, for a property or method that reads just those.

    Made without ``__init__``, whose defaults for every other field (modeltranslation's each under a
    ``translation.override``) cost twenty times what is read.
    """
    instance = model.__new__(model)
    instance._state = ModelState()
    for name, value in attributes.items():
        setattr(instance, name, value)  # through the field's descriptor, if any: "KZ,KG" becomes countries
    return instance


def _read_columns(model, names) -> list[str]:
    """The columns behind attribute names: a translated field (``name``) is read from its languages' columns,
    so that its descriptor gives on the bare model what it gives on a loaded one, fallback included."""
    concrete = {field.attname for field in model._meta.concrete_fields}
    columns = []
    for name in names:
        localized = [f"{name}_{code}" for code, _label in settings.LANGUAGES if f"{name}_{code}" in concrete]
        columns += localized or [name]
    return columns


class Plan:
    """One serializer compiled against ``values()`` rows: ``columns`` to select, ``build(row)`` the object.

    ``prefix`` reads a nested object from its parent's row (``review__mechanism__``); ``related`` names the
    fields the caller fills per page (``plan.page[name]``: parent id → value) with their default;
    ``computed`` the fields made from the row by the caller's function, as ``name: (columns, function)``.
    """

    def __init__(self, serializer_class, context, *, prefix="", related=None, computed=None):
        # The instance only for its methods (they read the context); the fields, built anew by every
        # instance (most of the compiling's time), from the cache.
        self.serializer = serializer_class(context=context)
        self.fields = serializer_fields(serializer_class)
        self.context = context
        self.model = serializer_class.Meta.model
        self.prefix = prefix
        self.pk = prefix + self.model._meta.pk.attname
        self.columns = {self.pk: None}  # an ordered set
        self.page = {}
        self.memo = {}
        related, computed = related or {}, computed or {}
        self.steps = []
        for name, field in self.fields.items():
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
        if isinstance(field, drf.SerializerMethodField) and (type(self.serializer), field.field_name) in METHODS:
            return self._method(field)
        if isinstance(field, drf.ListSerializer | drf.SerializerMethodField | drf.RelatedField | drf.ManyRelatedField):
            raise TypeError(f"{type(self).__name__}: {field.field_name} of {self.model.__name__} must be given")
        if isinstance(field, drf.BaseSerializer):
            nested = Plan(type(field), self.context, prefix=f"{self.prefix}{'__'.join(field.source_attrs)}__")
            self.columns.update(nested.columns)
            return lambda row: None if row[nested.pk] is None else nested.build_once(row)
        return self._plain(field)

    def _method(self, field):
        """The serializer's own ``get_<name>`` on a model made of the columns it reads (``METHODS``)."""
        method, model = getattr(self.serializer, field.method_name), self.model
        names = _read_columns(model, METHODS[type(self.serializer), field.field_name])
        sources = {name: self._column(name) for name in names}
        return lambda row: method(_bare(model, {name: row[column] for name, column in sources.items()}))

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
            sources = {name: self._column(name) for name in _read_columns(model, PROPERTIES[model, attrs[0]])}
            return lambda row: represent(getattr(_bare(model, {name: row[c] for name, c in sources.items()}), attrs[0]))
        concrete = model._meta.get_field(attrs[-1])  # FieldDoesNotExist: a property missing from PROPERTIES
        column = self._column("__".join([*attrs[:-1], concrete.attname]))

        def plain(row):
            value = row[column]
            return None if value is None else represent(value)

        return plain


def related_objects(model, ids, lists: dict, **annotations) -> tuple[dict, dict]:
    """The related ``lists`` ({name: (plan, queryset, relation)}) of the parents ``ids``, and ``annotations``.

    A relation is a many-to-many field of ``model`` or a reverse foreign key (``authorships``). Returns
    (name → parent id → the plan's objects, in the queryset's order and filtered by it; parent id → its
    annotations). On PostgreSQL the related ids come in one query of the parents by primary key, each
    list the array of a correlated subquery: a look-up in an index per parent, a plan that holds without
    planner statistics (after a bulk load ``through.parent_id IN (a hundred ids)`` is estimated at half
    the table and read whole); the objects then by primary key. Elsewhere (SQLite) the objects come
    through the relation directly, one query a list.
    """
    objects = {name: {} for name in lists}
    postgres = connection.vendor == "postgresql"
    back = {}  # name → the lookup from the related model (or the through model) to the parent, and the id
    for name, (_plan, _queryset, relation) in lists.items():
        field = model._meta.get_field(relation)
        if field.many_to_many:
            through = field.remote_field.through.objects
            back[name] = (field.related_query_name(), through, field.m2m_field_name(), field.m2m_reverse_field_name())
        else:
            back[name] = (field.field.name, field.related_model.objects, field.field.name, "pk")
    if postgres:
        from django.contrib.postgres.expressions import ArraySubquery

        for name, (_lookup, table, parent, child) in back.items():
            ids_of = table.filter(**{parent: OuterRef("pk")}).order_by().values(child)
            annotations[ARRAY.format(name)] = ArraySubquery(ids_of)
    annotated = {}
    if annotations:
        parents = model._default_manager.filter(pk__in=ids).order_by().values("pk", **annotations)
        annotated = {row["pk"]: row for row in parents}
    for name, (plan, queryset, _relation) in lists.items():
        grouped = objects[name]
        if not postgres:
            lookup = back[name][0]
            rows = queryset.filter(**{f"{lookup}__in": ids}).values(*plan.columns, **{PARENT: F(lookup)})
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


class Rows:
    """A page of ``serializer_class`` objects from ``values(*columns)`` rows (what a viewset's ``list_rows`` is).

    ``querysets(user)`` gives the related lists the serializer nests, as field name → the queryset of what
    the caller may see, in its order: what the viewset prefetches for a detail. Each costs one query a
    page (two on PostgreSQL, less one for all: see ``related_objects``), whatever the page's size.
    """

    serializer_class = None

    def __init__(self, *, user, context):
        self.user, self.context = user, context
        querysets = self.querysets(user)
        self.plan = Plan(
            self.serializer_class,
            context,
            related={**dict.fromkeys(querysets, []), **self.related_defaults()},
            computed=self.computed_fields(context),
        )
        fields = self.plan.fields
        self.lists = {
            name: (Plan(type(fields[name].child), context), queryset, fields[name].source)
            for name, queryset in querysets.items()
        }
        self.columns = tuple(self.plan.columns)

    def querysets(self, user) -> dict:
        return {}

    def related_defaults(self) -> dict:
        """Fields filled per page by ``annotated`` rather than by a list, with their default."""
        return {}

    def computed_fields(self, context) -> dict:
        """Fields a subclass makes itself from the row: name → (columns, function of the row)."""
        return {}

    def annotations(self) -> dict:
        return {}

    def annotated(self, rows: dict):
        """Fills ``plan.page`` from the parents' ``annotations`` (parent id → row)."""

    def __call__(self, rows) -> list[dict]:
        annotations = self.annotations()
        if rows and (self.lists or annotations):
            ids = [row[self.plan.pk] for row in rows]
            lists, annotated = related_objects(self.plan.model, ids, self.lists, **annotations)
            self.plan.page.update(lists)
            self.annotated(annotated)
        return [self.plan.build(row) for row in rows]


class RecommendationRows(Rows):
    """Recommendations: seven queries a page (the page, the related ids, themes, groups, SDG targets, addressed
    bodies, latest confirmed assessments); the bodies those ``Organisation.visible_to`` the caller."""

    serializer_class = api.RecommendationSerializer

    def querysets(self, user):
        return {
            "themes": Theme.objects.all(),
            "affected_groups": AffectedGroup.objects.all(),
            "sdg_targets": SdgTarget.objects.all(),
            "addressed_bodies": Organisation.objects.visible_to(user).order_by("name", "pk"),
        }

    def __init__(self, *, user, context):
        super().__init__(user=user, context=context)
        self.assessment = Plan(api.AssessmentBriefSerializer, context)

    def related_defaults(self):
        return {"latest_assessment": None}

    def annotations(self):
        latest_first = StatusAssessment.objects.latest_confirmed_first()
        return {"api_latest": Subquery(latest_first.filter(recommendation_id=OuterRef("pk")).values("pk")[:1])}

    def annotated(self, rows):
        assessment = self.assessment
        latest = {row["api_latest"]: pk for pk, row in rows.items() if row["api_latest"] is not None}
        assessments = StatusAssessment.objects.filter(pk__in=latest).values(*assessment.columns)
        self.plan.page["latest_assessment"] = {latest[row["id"]]: assessment.build(row) for row in assessments}


class OrganisationRows(Rows):
    """Organisations: plain columns only, no query but the page's."""

    serializer_class = api.OrganisationSerializer


class AssessmentRows(Rows):
    """Status assessments, in the page's one query. The organisation is printed only where the viewset's
    queryset says the caller may see it (``organisation_visible``: its ``visible_to`` rule as a subquery)."""

    serializer_class = api.AssessmentSerializer

    def computed_fields(self, context):
        organisation = Plan(api.OrganisationBriefSerializer, context, prefix="organisation__")
        request = context["request"]

        def organisation_or_none(row):
            return organisation.build_once(row) if row["organisation_visible"] and row[organisation.pk] else None

        def file_url(row):
            if not row["source_file"]:
                return None
            assessment = StatusAssessment(pk=row["id"], recommendation_id=row["recommendation__id"])
            return request.build_absolute_uri(assessment.get_file_url())

        return {
            "organisation": ((*organisation.columns, "organisation_visible"), organisation_or_none),
            "source_file_url": (("source_file", "recommendation__id"), file_url),
        }


class ReportRows(Rows):
    """Reports with their themes, groups, authors the caller may see and the recommendations they proposed."""

    serializer_class = api.ReportSerializer

    def querysets(self, user):
        return {
            "themes": Theme.objects.all(),
            "affected_groups": AffectedGroup.objects.all(),
            "authors": ReportAuthor.objects.filter(organisation__in=Organisation.objects.visible_to(user)),
            "proposed_recommendations": Recommendation.objects.visible_to(user).order_by("pk"),
        }


class EventRows(Rows):
    """Events with their organisers, participants, bodies, reports and recommendations the caller may see."""

    serializer_class = api.EventSerializer

    def querysets(self, user):
        organisations = Organisation.objects.visible_to(user).order_by("name", "pk")
        return {
            "organisers": organisations,
            "participants": EventParticipant.objects.filter(organisation__in=organisations).order_by("pk"),
            "addressed_bodies": organisations,
            "reports_presented": Report.objects.visible_to(user).order_by("pk"),
            "recommendations_promoted": Recommendation.objects.visible_to(user).order_by("pk"),
        }
