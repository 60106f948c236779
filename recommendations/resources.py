"""django-import-export resources: the columns of the status workbook and of UHRI's exports.

* ``RecommendationStatusResource`` serves the admin's export (CSV, XLSX…) of a selection. It reads
  the same annotated rows as the streaming workbook, so it asks the database once, not per row, and
  it escapes every formula-like text (import-export's own setting only covers "=").
* ``UhriResource`` declares UHRI's columns and the widgets that clean their cells (multi-value
  lines, Excel serial or text dates, UN country names). The import service uses these widgets for
  each cell and writes in bulk itself: import-export's row-by-row save is ~50× too slow for UHRI.
"""

from django.utils.translation import gettext as _gettext
from import_export import fields, resources, widgets

from .imports.countries import country_code
from .imports.files import CellError, parse_date, shown, split_lines, text_value
from .models import Recommendation, Status
from .workbooks import RECOMMENDATION_COLUMNS, is_formula_like, recommendation_export_rows


def escape_formula_text(value):
    """For CSV and tablib outputs, where a cell has no type: a leading apostrophe keeps it text."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


class _Row:
    """A values_list tuple seen as an object, so import-export's fields can read it by name."""

    __slots__ = ("_values",)
    keys = [column.key for column in RECOMMENDATION_COLUMNS if column.key != "link"]
    index = {key: i for i, key in enumerate(keys)}

    def __init__(self, values):
        self._values = values

    def __getattr__(self, name):
        try:
            return self._values[self.index[name]]
        except KeyError as error:
            raise AttributeError(name) from error


class RecommendationStatusResource(resources.Resource):
    """Export-only: one row per recommendation with its current status, for the admin's export action."""

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.status_labels = dict(Status.choices)

    def filter_export(self, queryset, **kwargs):
        if queryset is None or not hasattr(queryset, "model"):
            return queryset
        if queryset.model is Recommendation:
            return [_Row(values) for values in recommendation_export_rows(queryset, user=self.user)]
        return queryset

    def get_queryset(self):
        return Recommendation.objects.visible_to(self.user)

    def export_field(self, field, instance, **kwargs):
        return escape_formula_text(super().export_field(field, instance, **kwargs))

    def dehydrate_status(self, row):
        return str(self.status_labels.get(row.status, row.status))

    @classmethod
    def get_display_name(cls):
        return _gettext("Recommendation status")

    class Meta:
        model = Recommendation


for _column in RECOMMENDATION_COLUMNS:
    if _column.key != "link":
        RecommendationStatusResource.fields[_column.key] = fields.Field(
            attribute=_column.key, column_name=_column.header, readonly=True
        )
RecommendationStatusResource._meta.export_order = tuple(RecommendationStatusResource.fields)


# --- UHRI --------------------------------------------------------------------------------------------


class UhriTextWidget(widgets.Widget):
    """Text as it may be stored (see ``text_value``: control characters and overlong cells are refused)."""

    def clean(self, value, row=None, **kwargs):
        return text_value(value)


class UhriLinesWidget(widgets.Widget):
    """A cell with one value a line, each line starting with "- "."""

    def clean(self, value, row=None, **kwargs):
        return split_lines(text_value(value))


class UhriDateWidget(widgets.Widget):
    """An Excel date, an Excel serial number or a date written as text."""

    def clean(self, value, row=None, **kwargs):
        try:
            return parse_date(value)
        except ValueError as error:
            raise CellError(
                _gettext("“%(value)s” is not a date (expected for example 2015-05-11 or 11.05.2015).")
                % {"value": shown(value)}
            ) from error


class UhriCountriesWidget(UhriLinesWidget):
    """Country names, UN style included, as ISO codes."""

    def clean(self, value, row=None, **kwargs):
        codes = []
        for name in super().clean(value, row, **kwargs):
            code = country_code(name)
            if code is None:
                raise CellError(_gettext("Unknown country “%(name)s”.") % {"name": name[:60]})
            if code not in codes:
                codes.append(code)
        return codes


class UhriSdgWidget(UhriLinesWidget):
    """SDG targets written "8.8 - Protect labour rights" → [(code, title)]."""

    def clean(self, value, row=None, **kwargs):
        targets = []
        for item in super().clean(value, row, **kwargs):
            code, _sep, title = item.partition(" - ")
            code = code.strip()
            if not code or len(code) > 10 or " " in code:
                raise CellError(
                    _gettext("“%(value)s” is not an SDG target like “8.8 - Protect labour rights”.")
                    % {"value": item[:60]}
                )
            targets.append((code, title.strip()))
        return targets


class UhriResource(resources.Resource):
    """UHRI's export columns (its own spelling first, then the spellings we also accept)."""

    text = fields.Field(column_name="Text", widget=UhriTextWidget())
    countries = fields.Field(column_name="Countries Concerned", widget=UhriCountriesWidget())
    body = fields.Field(column_name="Reccomending Body", widget=UhriTextWidget())
    symbol = fields.Field(column_name="Document Symbol", widget=UhriTextWidget())
    themes = fields.Field(column_name="Themes", widget=UhriLinesWidget())
    groups = fields.Field(column_name="Affected Persons", widget=UhriLinesWidget())
    sdgs = fields.Field(column_name="Sdgs", widget=UhriSdgWidget())
    published = fields.Field(column_name="Document Publication Date", widget=UhriDateWidget())
    recommending_states = fields.Field(column_name="UPR Reccomending States", widget=UhriLinesWidget())
    position = fields.Field(column_name="UPR Position", widget=UhriTextWidget())
    type = fields.Field(column_name="Type", widget=UhriTextWidget())
    annotation = fields.Field(column_name="OHCHR Annotation Id", widget=UhriTextWidget())
    session = fields.Field(column_name="UPR Session", widget=UhriTextWidget())
    regions = fields.Field(column_name="Regions Concerned", widget=UhriLinesWidget())
    recommending_regions = fields.Field(column_name="Recommending Regions", widget=UhriLinesWidget())
    uhri_date = fields.Field(column_name="Date of publication on UHRI", widget=UhriDateWidget())

    # Other spellings seen in UHRI exports over the years.
    aliases = {
        "body": ("Recommending Body",),
        "recommending_states": ("UPR Recommending States",),
        "countries": ("Country Concerned", "Countries"),
        "sdgs": ("SDGs", "SDG"),
        "annotation": ("Annotation Id", "OHCHR Annotation ID"),
    }
    required = ("text", "countries", "body", "symbol", "annotation")

    class Meta:
        model = Recommendation
