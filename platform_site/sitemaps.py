"""The sitemap: every public page in both languages (Russian at /, English under /en/).

Each section lists only what an anonymous visitor may see (``visible_to(AnonymousUser())``); with
``i18n = True`` and ``alternates = True`` Django writes each page once per language and links the
translations to one another (hreflang).
"""

from collections.abc import Sequence

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils.functional import cached_property

from advocacy.models import Event
from cycle.models import CycleReview
from partners.models import Organisation
from recommendations.models import Recommendation
from reports.models import Report


class LanguagePairs(Sequence):
    """(item, language) pairs of a queryset, fetched one page at a time.

    Django's i18n sitemap builds the list of pairs for *all* items before it paginates, which on a
    table of 200,000 recommendations means loading every row for every sitemap page. This sequence
    counts with one query and slices the queryset, so a page loads only its own rows.
    """

    def __init__(self, queryset, languages):
        self.queryset = queryset
        self.languages = list(languages)

    @cached_property
    def _count(self):
        return self.queryset.count() * len(self.languages)

    def __len__(self):
        return self._count

    def __getitem__(self, index):
        width = len(self.languages)
        if isinstance(index, slice):
            start, stop, _step = index.indices(len(self))
            if start >= stop:
                return []
            first, last = start // width, (stop - 1) // width + 1
            pairs = [(item, code) for item in self.queryset[first:last] for code in self.languages]
            offset = first * width
            return pairs[start - offset : stop - offset]
        if index < 0:
            index += len(self)
        item = self.queryset[index // width]
        return (item, self.languages[index % width])


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def _items(self):
        items = self.items()
        if isinstance(items, QuerySet):
            return LanguagePairs(items, self._languages())
        return super()._items()

    def get_latest_lastmod(self):
        # Django would call lastmod() on every item; one MAX() query answers the same question.
        items = self.items()
        if isinstance(items, QuerySet):
            return items.aggregate(latest=Max("updated_at"))["latest"]
        return None


class StaticPagesSitemap(PortalSitemap):
    priority = 0.8
    changefreq = "weekly"

    def items(self):
        return ["home", "reports:list", "recommendations:list", "advocacy:list", "partners:list", "cycle:calendar"]

    def location(self, item):
        return reverse(item)


class ReportSitemap(PortalSitemap):
    priority = 0.7

    def items(self):
        return Report.objects.visible_to(AnonymousUser()).published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class RecommendationSitemap(PortalSitemap):
    priority = 0.5

    def items(self):
        return Recommendation.objects.visible_to(AnonymousUser()).order_by("pk").only("pk", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class EventSitemap(PortalSitemap):
    priority = 0.5

    def items(self):
        return Event.objects.visible_to(AnonymousUser()).order_by("pk").only("pk", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class OrganisationSitemap(PortalSitemap):
    priority = 0.4

    def items(self):
        return Organisation.objects.visible_to(AnonymousUser()).order_by("pk").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class CycleReviewSitemap(PortalSitemap):
    priority = 0.5

    def items(self):
        return CycleReview.objects.visible_to(AnonymousUser()).order_by("pk").only("pk", "updated_at")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "reports": ReportSitemap,
    "recommendations": RecommendationSitemap,
    "events": EventSitemap,
    "partners": OrganisationSitemap,
    "calendar": CycleReviewSitemap,
}
