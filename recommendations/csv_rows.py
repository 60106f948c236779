"""CSV rows of recommendations (the status workbook's columns) and the SQL helper the other lists share.

``joined_by`` folds a many-to-many relation into one text per object with one GROUP BY over the whole
selection, so a CSV of any length costs the same few queries.
"""

from django.urls import reverse
from django_countries import countries

from .models import Status
from .workbooks import CHUNK_SIZE, RECOMMENDATION_COLUMNS, joined, recommendation_export_rows


def joined_by(rows, key: str, expression, ordering=None, delimiter="; ") -> dict:
    """``key`` value → the ``expression`` of its rows joined, for every row of the queryset ``rows``."""
    rows = (
        rows.order_by()
        .values(key)
        .annotate(joined_text=joined(expression, delimiter=delimiter, ordering=ordering))
        .values_list(key, "joined_text")
    )
    return dict(rows.iterator(chunk_size=CHUNK_SIZE))


def link_pattern(view_name: str, base_url: str = "", **kwargs) -> str:
    """An absolute page URL with a ``{}`` where the key goes (one reverse() for the whole file)."""
    marker = "999999999"
    url = reverse(view_name, kwargs=dict.fromkeys(kwargs, marker) or {"pk": marker})
    return base_url.rstrip("/") + url.replace(marker, "{}")


class CountryNames:
    """ISO code → name in the active language, each looked up once."""

    def __init__(self):
        self._names = {}

    def __call__(self, code):
        if not code:
            return ""
        if code not in self._names:
            self._names[code] = str(countries.name(code) or code)
        return self._names[code]


RECOMMENDATION_CSV_HEADER = tuple(column.header for column in RECOMMENDATION_COLUMNS)


def recommendation_csv_rows(queryset, *, user, language: str, base_url: str = ""):
    """The workbook's rows of ``queryset`` (limited to what ``user`` sees): country and status as words."""
    labels = {value: str(label) for value, label in Status.choices}
    country = CountryNames()
    link = link_pattern("recommendations:detail", base_url)
    for values in recommendation_export_rows(queryset, user=user, language=language):
        values = list(values)
        values[2] = country(values[2])
        values[10] = labels.get(values[10], values[10])
        values.append(link.format(values[0]))
        yield values
