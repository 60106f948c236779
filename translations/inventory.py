"""What content lacks a language: the translation workflow of coordinators, over every content app.

Where it lives: the workflow reads every model that django-modeltranslation translates (reports,
recommendations, advocacy, partners, the review calendar and the vocabularies), so it belongs on the top
floor of DESIGN.md, where all apps may be imported. It is a small app beside ``platform_site`` rather than
more of it: its pages, workbook and import are one piece of work of their own, and nothing imports it
(the root URLconf includes its URLs by name), as with ``api``.

The kinds of record are read from modeltranslation's registry, so a field registered tomorrow in a
``translation.py`` is listed, exported and imported with no change here. A field *lacks* a language when
it is empty in that language while another language has a text to translate from; a field empty in every
language has nothing to translate and is not counted.
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Count, Model, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from modeltranslation.translator import translator


@dataclass(frozen=True)
class Kind:
    """A translated model: its key in workbooks (``reports.report``) and its translated fields."""

    key: str
    model: type[Model]
    fields: tuple[str, ...]

    @property
    def label(self):
        return self.model._meta.verbose_name_plural

    def field_label(self, field: str):
        return self.model._meta.get_field(field).verbose_name

    def queryset(self, user) -> QuerySet:
        """The records of this kind ``user`` may see (the models' own rule where they have one)."""
        manager = self.model._default_manager
        if hasattr(manager, "visible_to"):
            return manager.visible_to(user)
        return manager.all()

    def url(self, obj) -> str:
        """The record's public page, or its admin page for records that have none (a participant, a theme)."""
        if hasattr(obj, "get_absolute_url"):
            return obj.get_absolute_url()
        meta = self.model._meta
        try:
            return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        except NoReverseMatch:
            return ""


def languages() -> tuple[str, ...]:
    return tuple(settings.MODELTRANSLATION_LANGUAGES)


def language_label(code: str):
    return dict(settings.LANGUAGES).get(code, code)


def kinds() -> dict[str, Kind]:
    """Every translated model, by key, in a stable order (app, then model)."""
    found = []
    for model in translator.get_registered_models(abstract=False):
        options = translator.get_options_for_model(model)
        found.append(Kind(model._meta.label_lower, model, tuple(options.fields)))
    return {kind.key: kind for kind in sorted(found, key=lambda kind: kind.key)}


def empty(field: str, language: str) -> Q:
    return Q(**{f"{field}_{language}__isnull": True}) | Q(**{f"{field}_{language}": ""})


def lacking(field: str, language: str) -> Q:
    """Empty in ``language`` while some other language has a text to translate from."""
    others = [lang for lang in languages() if lang != language]
    return empty(field, language) & reduce(or_, (~empty(field, other) for other in others))


@dataclass
class FieldCount:
    field: str
    label: str
    missing: dict  # language → count

    @property
    def cells(self) -> list:
        """(language, count) in the order of the languages, for a table row."""
        return [(lang, self.missing[lang]) for lang in languages()]


@dataclass
class KindCount:
    kind: Kind
    fields: list

    @property
    def total(self) -> dict:
        return {lang: sum(f.missing[lang] for f in self.fields) for lang in languages()}


def missing_counts(user) -> list[KindCount]:
    """How many records lack each language, by kind and field: one query per kind of record."""
    counts = []
    for kind in kinds().values():
        aggregates = {
            f"{field}__{lang}": Count("pk", filter=lacking(field, lang))
            for field in kind.fields
            for lang in languages()
        }
        row = kind.queryset(user).order_by().aggregate(**aggregates)
        counts.append(
            KindCount(
                kind,
                [
                    FieldCount(field, kind.field_label(field), {lang: row[f"{field}__{lang}"] for lang in languages()})
                    for field in kind.fields
                ],
            )
        )
    return counts


def missing_records(user, kind: Kind, field: str, language: str) -> QuerySet:
    """The records of ``kind`` whose ``field`` lacks ``language``, oldest first."""
    return kind.queryset(user).filter(lacking(field, language)).order_by("pk")
