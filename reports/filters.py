"""Filters of the public report list: every filter is a plain GET parameter, so a view can be shared."""

import django_filters
from django.utils.translation import gettext_lazy as _

from partners.countries import country_choices
from partners.models import Organisation
from recommendations.models import AffectedGroup, Theme

from .models import Report


class ReportFilter(django_filters.FilterSet):
    """Built on the reports the person may see; the choices come from those reports too."""

    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Report.Kind.choices, empty_label=_("Any kind"))
    year = django_filters.ChoiceFilter(label=_("Year"), field_name="published_on__year", empty_label=_("Any year"))
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="countries", lookup_expr="contains", empty_label=_("Any country")
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), field_name="themes", queryset=Theme.objects.none(), empty_label=_("Any theme")
    )
    group = django_filters.ModelChoiceFilter(
        label=_("Affected group"),
        field_name="affected_groups",
        queryset=AffectedGroup.objects.none(),
        empty_label=_("Any group"),
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Author organisation"),
        field_name="authorships__organisation",
        queryset=Organisation.objects.none(),
        empty_label=_("Any organisation"),
        to_field_name="slug",
    )

    class Meta:
        model = Report
        fields = ["kind", "year", "country", "theme", "group", "organisation"]

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        reports = self.queryset
        user = getattr(request, "user", None)
        filters = self.filters
        filters["year"].extra["choices"] = [
            (str(d.year), str(d.year)) for d in reports.dates("published_on", "year", order="DESC")
        ]
        # Countries are stored as comma-separated ISO codes; offer those the reports cover, by name.
        used = set()
        for value in reports.exclude(countries="").values_list("countries", flat=True).distinct():
            used.update(code for code in str(value).split(",") if code)
        filters["country"].extra["choices"] = country_choices(used)
        filters["theme"].queryset = Theme.objects.filter(reports__in=reports).distinct()
        filters["group"].queryset = AffectedGroup.objects.filter(reports__in=reports).distinct()
        filters["organisation"].queryset = (
            Organisation.objects.visible_to(user).filter(authorships__report__in=reports).distinct()
        )

    def filter_queryset(self, queryset):
        # Many-to-many filters can repeat a report; distinct() keeps each once.
        return super().filter_queryset(queryset).distinct()
