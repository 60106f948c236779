"""CSV rows of reports: the list's CSV, the API's and the nightly dump's, in a fixed number of queries."""

from django.utils.translation import gettext_lazy as _

from partners.models import Organisation
from recommendations.csv_rows import CountryNames, joined_by, link_pattern
from recommendations.workbooks import CHUNK_SIZE, translated

from .models import Report, ReportAuthor

REPORT_CSV_HEADER = (
    _("ID"),
    _("Title"),
    _("Kind"),
    _("Publication date"),
    _("Countries"),
    _("Themes"),
    _("Affected groups"),
    _("Authors"),
    _("Submitted to"),
    _("Languages of the document"),
    _("External link"),
    _("File"),
    _("Page"),
)


def report_csv_rows(queryset, *, user, language: str, base_url: str = ""):
    ids = queryset.order_by().values("pk")
    theme = translated("theme__name", language)
    group = translated("affectedgroup__name", language)
    themes = joined_by(Report.themes.through.objects.filter(report_id__in=ids), "report_id", theme, theme)
    groups = joined_by(Report.affected_groups.through.objects.filter(report_id__in=ids), "report_id", group, group)
    authors = joined_by(
        ReportAuthor.objects.filter(report_id__in=ids, organisation__in=Organisation.objects.visible_to(user)),
        "report_id",
        translated("organisation__name", language),
        ("order", "pk"),
    )
    kinds = {value: str(label) for value, label in Report.Kind.choices}
    country = CountryNames()
    page = link_pattern("reports:detail", base_url, slug="")
    file_link = link_pattern("reports:file", base_url, slug="")
    main = (
        queryset.order_by(*(queryset.query.order_by or ("pk",)))
        .annotate(x_title=translated("title", language))
        .values_list(
            "pk",
            "slug",
            "x_title",
            "kind",
            "published_on",
            "countries",
            "mechanism__code",
            "languages",
            "external_url",
            "file",
        )
    )
    for pk, slug, title, kind, published_on, codes, mechanism, languages, external_url, file in main.iterator(
        chunk_size=CHUNK_SIZE
    ):
        yield (
            pk,
            title,
            kinds.get(kind, kind),
            published_on,
            "; ".join(country(code) for code in str(codes or "").split(",") if code),
            themes.get(pk, ""),
            groups.get(pk, ""),
            authors.get(pk, ""),
            (mechanism or "").replace("_", "/"),
            languages,
            external_url,
            file_link.format(slug) if file else "",
            page.format(slug),
        )
