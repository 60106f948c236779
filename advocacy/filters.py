"""The filter set of the public advocacy list; every filter is a plain GET parameter.

``?kind=side_event&year=2016&country=PL&forum=OSCE+HDIM&organisation=bir-duino-kyrgyzstan``
"""

import django_filters
from django.conf import settings
from django.db.models import CharField, Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import resolution_order

from partners.countries import country_choices
from partners.models import Organisation
from partners.widgets import QuickSelect

from .models import Event, EventParticipant


def _public_events():
    return Event.objects.public().order_by()


def _year_choices():
    return [(day.year, day.year) for day in _public_events().dates("starts_on", "year", order="DESC")]


def _country_choices():
    codes = _public_events().exclude(country="").values_list("country", flat=True).distinct()
    return country_choices(codes)


def shown_forum():
    """The forum's name as the page shows it: its language's, else the next in the fallback chain
    (ky → ru → en), as modeltranslation falls back on the page. Choices and filter use the same, so that a
    forum named in Russian only is found on the Kyrgyz page."""
    language = get_language() or settings.LANGUAGE_CODE
    order = resolution_order(language, settings.MODELTRANSLATION_FALLBACK_LANGUAGES)
    return Coalesce(*(NullIf(f"forum_{lang}", Value("")) for lang in order), Value(""), output_field=CharField())


def _forum_choices():
    forums = _public_events().annotate(shown=shown_forum()).exclude(shown="").values_list("shown", flat=True).distinct()
    return [(forum, forum) for forum in sorted(forums)]


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Event.Kind.choices, empty_label=_("All kinds"), widget=QuickSelect
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="starts_on__year",
        choices=_year_choices,
        empty_label=_("All years"),
        widget=QuickSelect,
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=_country_choices, empty_label=_("All countries"), widget=QuickSelect
    )
    forum = django_filters.ChoiceFilter(
        label=_("Forum"),
        choices=_forum_choices,
        method="filter_forum",
        empty_label=_("All forums"),
        widget=QuickSelect,
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        to_field_name="slug",
        queryset=Organisation.objects.none(),  # per person, in __init__
        method="filter_organisation",
        empty_label=_("All organisations"),
        widget=QuickSelect,
    )

    class Meta:
        model = Event
        fields = ["kind", "year", "country", "forum", "organisation"]

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = Event.objects.visible_to(getattr(request, "user", None))
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.filters["organisation"].queryset = (
            Organisation.objects.visible_to(getattr(request, "user", None))
            .filter(Q(organised_events__isnull=False) | Q(participations__isnull=False))
            .distinct()
            .order_by("name")
        )

    def filter_forum(self, queryset, name, value):
        return queryset.alias(shown_forum=shown_forum()).filter(shown_forum=value)

    def filter_organisation(self, queryset, name, value):
        """Events the organisation organised or took part in (``EXISTS``, so no event is listed twice)."""
        organised = Event.organisers.through.objects.filter(event_id=OuterRef("pk"), organisation=value)
        took_part = EventParticipant.objects.filter(event_id=OuterRef("pk"), organisation=value)
        return queryset.filter(Exists(organised) | Exists(took_part))
