"""CSV rows of organisations: the list's CSV, the API's and the nightly dump's, in one query."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import Organisation
from .translated import translated

ORGANISATION_CSV_HEADER = (
    _("ID"),
    _("Name"),
    _("Short name"),
    _("Kind"),
    _("Country"),
    _("City"),
    _("Website"),
    _("Platform member"),
    _("Page"),
)


def organisation_csv_rows(queryset, *, user, language: str, base_url: str = ""):
    """``queryset`` is already what ``user`` may see; the user is taken for the same signature as the others."""
    kinds = {value: str(label) for value, label in Organisation.Kind.choices}
    page = base_url.rstrip("/") + reverse("partners:detail", kwargs={"slug": "999999999"}).replace("999999999", "{}")
    main = (
        queryset.order_by(*(queryset.query.order_by or ("pk",)))
        .annotate(x_name=translated("name", language), x_short=translated("short_name", language))
        .values_list("pk", "slug", "x_name", "x_short", "kind", "country", "city", "website", "is_platform_member")
    )
    for pk, slug, name, short, kind, code, city, website, is_member in main.iterator(chunk_size=2000):
        yield (
            pk,
            name,
            short,
            kinds.get(kind, kind),
            str(countries.name(code) or code) if code else "",
            city,
            website,
            is_member,
            page.format(slug),
        )
