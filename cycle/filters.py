"""The calendar's filters, plain GET parameters shared by the page and the iCalendar feed.

``/calendar/?state=KG&mechanism=CMW&when=past`` — the same parameters filter ``/calendar.ics``.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from partners.widgets import QuickSelect
from recommendations.models import Mechanism

from .models import CycleReview, Deadline, Publication

UPCOMING, PAST = "upcoming", "past"


def _state_choices():
    # Only states with a public entry: the choices themselves must not reveal a draft.
    codes = set(CycleReview.objects.filter(publication=Publication.PUBLIC).values_list("state", flat=True))
    codes |= set(Deadline.objects.filter(publication=Publication.PUBLIC).values_list("state", flat=True))
    names = dict(countries)
    return sorted(((code, names.get(code, code)) for code in codes), key=lambda choice: str(choice[1]))


def _mechanisms():
    return Mechanism.objects.exclude(kind=Mechanism.Kind.PLATFORM).order_by("code")


class CalendarFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=_state_choices, empty_label=_("All states"), widget=QuickSelect
    )
    mechanism = django_filters.ModelChoiceFilter(
        label=_("Mechanism"),
        queryset=_mechanisms(),
        to_field_name="code",
        empty_label=_("All mechanisms"),
        widget=QuickSelect,
    )
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[(UPCOMING, _("Upcoming")), (PAST, _("Past"))],
        empty_label=None,
        method="filter_nothing",
        widget=QuickSelect,
    )

    class Meta:
        model = Deadline
        fields = ["state", "mechanism"]

    def filter_nothing(self, queryset, name, value):
        # Upcoming or past is decided against today's date by the view, per kind of entry.
        return queryset

    @property
    def period(self):
        if self.is_bound and self.form.is_valid() and self.form.cleaned_data.get("when") == PAST:
            return PAST
        return UPCOMING
