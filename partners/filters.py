"""Filters of the public list of organisations: kind, country, platform member or not."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .countries import country_choices
from .models import Organisation


class OrganisationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Organisation.Kind.choices, empty_label=_("Any kind"))
    country = django_filters.ChoiceFilter(label=_("Country"), empty_label=_("Any country"))
    member = django_filters.BooleanFilter(
        label=_("Platform member"),
        field_name="is_platform_member",
        widget=django_filters.widgets.BooleanWidget,
    )

    class Meta:
        model = Organisation
        fields = ["kind", "country", "member"]

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        used = self.queryset.exclude(country="").order_by().values_list("country", flat=True).distinct()
        self.filters["country"].extra["choices"] = country_choices(used)
