"""The one filter set of recommendations, used by the public list and the Excel export.

Every filter is a plain GET parameter, so that a filtered view can be bookmarked and shared:
``?mechanism=CMW&state=KG&year=2015&theme=3&group=1&body=7&status=in_progress&q=passport``.
"""

import functools

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Subquery
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from partners.content_cache import cached_per_content_version
from partners.countries import country_choices
from partners.models import Organisation
from partners.widgets import QuickSelect

from . import text_search
from .models import AffectedGroup, Mechanism, Recommendation, Review, Status, Theme


def _plain_label(name):
    return name


class ReadyChoices(BaseChoiceIterator):
    """(value, label) pairs as they are: Django's normalize_choices() rebuilds a plain list, checking each label
    against half a dozen abstract types, every time a menu is iterated (validated, then rendered): a tenth of a
    list page for the ~300 options of the states and years."""

    def __init__(self, pairs):
        self.pairs = pairs

    def __iter__(self):
        return iter(self.pairs)


def values_choices(queryset, *, key, label_fields, label_from_values):
    """(value, label) pairs of a model's rows from ``values_list``: no model instance per option."""
    names = list(dict.fromkeys([key, *label_fields]))  # values_list drops a repeated name
    positions = [names.index(name) for name in label_fields]
    return [
        (row[0], label_from_values(*(row[position] for position in positions))) for row in queryset.values_list(*names)
    ]


class ValuesChoiceIterator(django_filters.fields.ModelChoiceIterator):
    """A model filter's options from ``values_list`` (or given ready as ``field.options``).

    Building and translating ~250 model instances (state bodies, themes, groups) cost a third of a list
    page's time; the labels are plain fields, which modeltranslation's values_list gives in the
    visitor's language with the fallback.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        options = self.field.options() if self.field.options is not None else None
        if options is None:
            options = values_choices(
                self.queryset,
                key=self.field.to_field_name or "pk",
                label_fields=self.field.label_fields,
                label_from_values=self.field.label_from_values,
            )
        yield from options


class ValuesModelChoiceField(django_filters.fields.ModelChoiceField):
    iterator = ValuesChoiceIterator

    def __init__(self, *args, label_fields=("name",), label_from_values=None, options=None, **kwargs):
        # options: a callable that gives the (value, label) pairs ready, or None to query them.
        self.label_fields = label_fields
        self.label_from_values = label_from_values or _plain_label
        self.options = options
        super().__init__(*args, **kwargs)


class ValuesModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ValuesModelChoiceField


def _organisation_label(name, short_name):
    """As ``Organisation.__str__``: the name, with the short name where it differs."""
    return f"{name} ({short_name})" if short_name and short_name != name else name


def _state_choices():
    codes = Review.objects.exclude(state="").order_by().values_list("state", flat=True).distinct()
    return country_choices(codes)


def _mechanism_choices():
    """(code, label): OSCE/ODIHR for OSCE_ODIHR, the platform's own name for its asks, in the page's language."""
    return [(mechanism.code, mechanism.label) for mechanism in Mechanism.objects.order_by("code")]


def _year_choices():
    years = Review.objects.filter(year__isnull=False).order_by("-year").values_list("year", flat=True).distinct()
    return [(year, year) for year in years]


def _through_exists(relation: str, column: str, value):
    """``EXISTS`` on a many-to-many table: one index probe per row instead of a join that may repeat rows."""
    through = getattr(Recommendation, relation).through
    return Exists(through.objects.filter(recommendation_id=OuterRef("pk"), **{column: value}))


# "Select a valid choice." without the value given: Django's ChoiceField repeats whatever the address holds.
NOT_A_CHOICE = {"invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"]}

# The sidebar's menus whose options come from the database.
MENUS = ("mechanism", "state", "year", "theme", "group", "body")


def menu_options(filters, choices) -> dict:
    """The options of each menu (without its empty choice), as plain (value, label) pairs that can be cached:
    a model filter's from its queryset, another's from ``choices[name]`` (a list or a function)."""
    options = {}
    for name in MENUS:
        filter_ = filters[name]
        extra = filter_.extra
        if isinstance(filter_, django_filters.ModelChoiceFilter):
            options[name] = values_choices(
                filter_.queryset,
                key=extra.get("to_field_name") or "pk",
                label_fields=extra.get("label_fields", ("name",)),
                label_from_values=extra.get("label_from_values") or _plain_label,
            )
        else:
            options[name] = list(choices[name]() if callable(choices[name]) else choices[name])
    return options


class RecommendationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Text contains"), method="filter_text", widget=forms.TextInput(attrs={"type": "search"})
    )
    # A code from the cached menu, not a model fetched per request: every mechanism is public.
    mechanism = django_filters.ChoiceFilter(
        label=_("Mechanism"),
        choices=_mechanism_choices,
        method="filter_mechanism",
        empty_label=_("All mechanisms"),
        error_messages=NOT_A_CHOICE,
        widget=QuickSelect,
    )
    state = django_filters.ChoiceFilter(
        label=_("State"),
        field_name="review__state",
        choices=_state_choices,
        empty_label=_("All states"),
        error_messages=NOT_A_CHOICE,
        widget=QuickSelect,
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="review__year",
        choices=_year_choices,
        empty_label=_("All years"),
        error_messages=NOT_A_CHOICE,
        widget=QuickSelect,
    )
    review = django_filters.ModelChoiceFilter(
        label=_("Review"),
        field_name="review",
        queryset=Review.objects.select_related("mechanism"),
        # Thousands of reviews make no usable menu: the field arrives from links ("all recommendations of
        # this review") and the form keeps it; mechanism, state and year choose reviews in the sidebar.
        widget=forms.HiddenInput,
    )
    theme = ValuesModelChoiceFilter(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        method="filter_theme",
        empty_label=_("All themes"),
        widget=QuickSelect,
    )
    group = ValuesModelChoiceFilter(
        label=_("Affected group"),
        queryset=AffectedGroup.objects.all(),
        method="filter_group",
        empty_label=_("All groups"),
        widget=QuickSelect,
    )
    body = ValuesModelChoiceFilter(
        label=_("Addressed state body"),
        label_fields=("name", "short_name"),
        label_from_values=_organisation_label,
        # Replaced per person in __init__: the public is offered (and may ask for) public bodies only.
        queryset=Organisation.objects.none(),
        method="filter_body",
        empty_label=_("All state bodies"),
        widget=QuickSelect,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Status.choices,
        empty_label=_("Any status"),
        error_messages=NOT_A_CHOICE,
        widget=QuickSelect,
    )

    class Meta:
        model = Recommendation
        fields = ["q", "mechanism", "state", "year", "review", "theme", "group", "body", "status"]

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        user = getattr(request, "user", None)
        if queryset is None:
            queryset = Recommendation.objects.visible_to(user)
        super().__init__(data, queryset, request=request, prefix=prefix)
        # A body the person may not see is neither offered nor accepted (``?body=<its id>`` is an invalid
        # choice), so its name reaches no option, no export summary and no file name.
        self.filters["body"].queryset = Organisation.objects.visible_to(user).state_bodies()
        # The menus' options are the same for every visitor of one audience (public or members) in one
        # language until the content changes: built once per content version, not per request, and only
        # when a menu is shown or a choice checked (an export or the API may need none). A chosen model
        # is still fetched from the database (a body the person may not see stays an invalid choice).
        choices = {name: self.filters[name].extra.get("choices") for name in MENUS}
        menus = functools.cache(
            lambda: cached_per_content_version(
                request, "recommendation-filter-menus", lambda: menu_options(self.filters, choices)
            )
        )
        for name in MENUS:
            filter_ = self.filters[name]
            options = functools.partial(lambda name: ReadyChoices(menus()[name]), name)
            filter_.extra["options" if isinstance(filter_, django_filters.ModelChoiceFilter) else "choices"] = options

    @property
    def is_filtered(self) -> bool:
        """True when at least one filter is given a value (the unfiltered list is the expensive case)."""
        if not self.is_bound:
            return False
        self.errors  # noqa: B018 - validates the form, so that cleaned_data exists
        return any(self.form.cleaned_data.get(name) not in (None, "") for name in self.filters)

    def filter_mechanism(self, queryset, name, value):
        # ``= (SELECT id …)``: one probe of the unique code, then the same index plan as an id given outright.
        return queryset.filter(review__mechanism=Subquery(Mechanism.objects.filter(code=value).values("pk")))

    def filter_text(self, queryset, name, value):
        return text_search.matching(queryset, value, ["text"])

    def filter_theme(self, queryset, name, value):
        return queryset.filter(_through_exists("themes", "theme", value))

    def filter_group(self, queryset, name, value):
        return queryset.filter(_through_exists("affected_groups", "affectedgroup", value))

    def filter_body(self, queryset, name, value):
        return queryset.filter(_through_exists("addressed_bodies", "organisation", value))


def applied_filters(filterset) -> list[tuple[str, str]]:
    """(label, value) of each filter given a value, for the workbook's summary and its file name."""
    if not filterset.is_bound or not filterset.form.is_valid():
        return []
    pairs = []
    for name, filter_ in filterset.filters.items():
        value = filterset.form.cleaned_data.get(name)
        if value in (None, "", []):
            continue
        field = filterset.form.fields[name]
        # Iterated, never tested for truth: a filter whose choices are computed (state, year) has no len().
        choices = dict(getattr(field, "choices", ()))
        shown = choices.get(value, value) if not hasattr(value, "pk") else value
        pairs.append((str(filter_.label or name), str(shown)))
    return pairs
