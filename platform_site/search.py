"""Site search across reports, recommendations, advocacy events and partners, ranked.

Every kind starts from its own ``visible_to(user)``, so a draft or a members-only record never reaches
the public. The matching and ranking (PostgreSQL full-text search in Russian and English, a substring
match on SQLite) live in ``recommendations.text_search``, shared with the recommendation filter.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from advocacy.models import Event
from cycle.models import CycleReview
from partners.models import Organisation
from recommendations import text_search
from recommendations.models import Recommendation
from reports.models import Report

MAX_QUERY_LENGTH = 200
PER_KIND = 10


@dataclass
class ResultGroup:
    key: str
    label: str
    items: list = field(default_factory=list)
    more_url: str = ""

    @property
    def has_more(self) -> bool:
        return len(self.items) > PER_KIND

    @property
    def shown(self) -> list:
        return self.items[:PER_KIND]


@dataclass
class SearchResults:
    query: str
    groups: list = field(default_factory=list)

    @property
    def total_shown(self) -> int:
        return sum(len(group.shown) for group in self.groups)


def _ranked(queryset: QuerySet, query: str, fields) -> list:
    # One more than shown tells whether there are more matches without counting them all.
    return list(text_search.ranked(queryset, query, fields, limit=PER_KIND + 1))


def site_search(*, user, query: str) -> SearchResults:
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    results = SearchResults(query=query)
    if not query:
        return results
    visible_reports = Report.objects.visible_to(user)
    visible_recommendations = Recommendation.objects.visible_to(user)
    visible_events = Event.objects.visible_to(user)
    visible_organisations = Organisation.objects.visible_to(user)

    reports = _ranked(visible_reports, query, ["title", "summary", "method"])
    recommendations = _ranked(visible_recommendations.select_related("review__mechanism"), query, ["text"])
    events = _ranked(visible_events, query, ["title", "description", "outcome"])
    organisations = _ranked(visible_organisations, query, ["name", "short_name", "description"])
    calendar = _ranked(CycleReview.objects.visible_to(user).select_related("mechanism"), query, ["session", "notes"])

    results.groups = [
        ResultGroup("recommendations", _("Recommendations"), recommendations, _list_url("recommendations:list", query)),
        ResultGroup("reports", _("Reports"), reports),
        ResultGroup("events", _("Advocacy"), events),
        ResultGroup("partners", _("Partners"), organisations),
        ResultGroup("calendar", _("Review calendar"), calendar),
    ]
    return results


def _list_url(name: str, query: str) -> str:
    return f"{reverse(name)}?{urlencode({'q': query})}"
