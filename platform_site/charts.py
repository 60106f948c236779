"""The home page's chart: how far recommendations are carried out, by mechanism and by state.

One aggregate query gives the counts for both breakdowns; the
geometry of the stacked bars is computed here, so the template only draws rectangles and the figures
can be tested without a browser. The same numbers feed a table for screen readers.

The home page counts from ``StatusTally`` (a few thousand rows kept by database triggers) rather than
grouping every recommendation on each request: at 200,000 recommendations that grouping alone took
over 100 ms. Both sources give the same numbers; the tests compare them.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django_countries import countries

from recommendations.models import Recommendation, Status, StatusTally

# Geometry of the SVG, in its own units (the viewBox scales it to the page).
CHART_WIDTH = 420
LABEL_WIDTH = 104
TOTAL_WIDTH = 40
BAR_HEIGHT = 22
ROW_GAP = 10
BAR_WIDTH = CHART_WIDTH - LABEL_WIDTH - TOTAL_WIDTH
MAX_ROWS = 12


@dataclass
class Segment:
    status: str
    label: str
    count: int
    x: float
    width: float


@dataclass
class Row:
    key: str
    label: str
    total: int
    counts: dict
    y: int = 0
    segments: list = field(default_factory=list)

    @property
    def cells(self):
        """The counts in the order of the statuses, for the table."""
        return [self.counts.get(value, 0) for value, _label in Status.choices]

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT // 2 + 5


@dataclass
class StackedBarChart:
    title: str
    caption: str
    rows: list
    statuses: list
    filter_param: str
    height: int = 0
    label_width: int = LABEL_WIDTH
    bar_x_end: int = LABEL_WIDTH + BAR_WIDTH
    width: int = CHART_WIDTH

    @property
    def total(self):
        return sum(row.total for row in self.rows)


def _layout(title, caption, totals, labels, filter_param):
    """Rows sorted by size, each bar scaled to the largest row so bars compare across rows."""
    statuses = [{"value": value, "label": label} for value, label in Status.choices]
    rows = [
        Row(key=key, label=labels(key), total=sum(counts.values()), counts=dict(counts))
        for key, counts in totals.items()
    ]
    rows.sort(key=lambda row: (-row.total, row.label))
    if len(rows) > MAX_ROWS:
        # Past a dozen bars the chart stops being readable (and 200 states made the page twice as slow to
        # render): the smallest rows fold into one, without a link.
        folded = rows[MAX_ROWS - 1 :]
        counts = defaultdict(int)
        for row in folded:
            for status, count in row.counts.items():
                counts[status] += count
        label = _("… and %(count)d more") % {"count": len(folded)}
        rows = rows[: MAX_ROWS - 1] + [Row(key="", label=label, total=sum(counts.values()), counts=dict(counts))]
    largest = max((row.total for row in rows), default=0)
    for index, row in enumerate(rows):
        row.y = index * (BAR_HEIGHT + ROW_GAP)
        x = float(LABEL_WIDTH)
        for status in statuses:
            count = row.counts.get(status["value"], 0)
            if not count:
                continue
            width = BAR_WIDTH * count / largest
            row.segments.append(Segment(status["value"], status["label"], count, round(x, 2), round(width, 2)))
            x += width
    height = max(len(rows) * (BAR_HEIGHT + ROW_GAP) - ROW_GAP, 0)
    return StackedBarChart(
        title=title, caption=caption, rows=rows, statuses=statuses, filter_param=filter_param, height=height
    )


def implementation_status_charts(recommendations=None):
    """Two stacked-bar charts (by mechanism, by state under review) from one GROUP BY query.

    ``recommendations`` is what to count, already narrowed to what the visitor may see: a queryset of
    recommendations, or of their ``StatusTally`` rows (the fast way, summing the stored counts).
    """
    if recommendations is None:
        recommendations = Recommendation.objects.public()
    counted = Sum("recommendations") if recommendations.model is StatusTally else Count("pk")
    rows = (
        recommendations.order_by().values("review__mechanism__code", "review__state", "status").annotate(count=counted)
    )
    by_mechanism = defaultdict(lambda: defaultdict(int))
    by_state = defaultdict(lambda: defaultdict(int))
    for row in rows:
        if not row["count"]:
            continue  # a tally brought back to zero
        by_mechanism[row["review__mechanism__code"]][row["status"]] += row["count"]
        by_state[row["review__state"] or ""][row["status"]] += row["count"]
    return [
        _layout(
            _("By mechanism"),
            _("Recommendations by mechanism and status"),
            by_mechanism,
            lambda code: code,
            "mechanism",
        ),
        _layout(
            _("By state under review"),
            _("Recommendations by state under review and status"),
            by_state,
            lambda code: countries.name(code) or _("Not given"),
            "state",
        ),
    ]
