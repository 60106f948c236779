"""A paginator for lists that can reach 200,000 rows without counting them all on every request.

It counts exactly up to ``exact_limit`` rows (a ``COUNT`` over a ``LIMIT`` subquery, cheap through an
index). Past that, on PostgreSQL it takes the planner's estimate of the query's rows (``EXPLAIN``), so
the page says "about N" and no request walks the whole table; where the estimate alone is far past the
limit (``trusted_estimate``), it does not count at all. Other databases count exactly: they
hold demo-sized data.

A page is fetched as a "deferred join": first the primary keys of the page alone (an index walk with
no joins for the unfiltered list), then ``load_rows(keys)`` makes its rows (plain rows for a template).
Deep pages then skip their offset through the index only, instead of joining every row skipped.

Given ``remember`` (``partners.content_cache``'s ``cached_per_content_version`` bound to the request), the
count of a query is kept until the content changes (or a few minutes pass): the next visitor with the
same filters does not count again. The key is the query's SQL,
which holds every filter and the visitor's visibility rule.
"""

import hashlib
import json

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property


class LargeListPaginator(Paginator):
    exact_limit = 10_000
    # Above this planner estimate the bounded count is skipped: estimates of a single filter or a text
    # query are within a factor of two, so a list estimated at 30,000 has more than 10,000 rows.
    trusted_estimate = 30_000

    def __init__(self, *args, load_rows, remember=None, **kwargs):
        """``load_rows(keys)`` turns a page's primary keys into its rows, in their order."""
        super().__init__(*args, **kwargs)
        self.is_estimate = False
        self.load_rows = load_rows
        self.remember = remember

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count) if self.count else bottom + self.per_page
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        return self._get_page(self.load_rows(keys), number, self)

    @cached_property
    def count(self):
        if self.remember is None:
            return self._count()
        sql, params = self.object_list.order_by().query.sql_with_params()
        digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
        count, self.is_estimate = self.remember(f"list-count:{digest}", lambda: (self._count(), self.is_estimate))
        return count

    def _count(self):
        queryset = self.object_list
        connection = connections[queryset.db]
        estimate = self._planner_estimate(queryset, connection) if connection.vendor == "postgresql" else None
        if estimate is not None and estimate > self.trusted_estimate:
            # Far past the exact limit by the planner's reckoning: even the bounded count would walk
            # 10,000 rows (90 ms for a common word in a text query) only to say "about N" anyway.
            self.is_estimate = True
            return estimate
        bounded = queryset.order_by()[: self.exact_limit + 1].count()
        if bounded <= self.exact_limit:
            return bounded
        if estimate is None:
            return queryset.count()
        self.is_estimate = True
        return max(estimate, bounded)

    @staticmethod
    def _planner_estimate(queryset, connection) -> int:
        sql, params = queryset.order_by().query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return int(plan[0]["Plan"]["Plan Rows"])
