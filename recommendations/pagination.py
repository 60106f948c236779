"""A paginator for lists that can reach 200,000 rows without counting them all on every request.

It counts exactly up to ``exact_limit`` rows (a ``COUNT`` over a ``LIMIT`` subquery, cheap through an
index). Past that, on PostgreSQL it takes the planner's estimate of the query's rows (``EXPLAIN``), so
the page says "about N" and no request walks the whole table. Other databases count exactly: they
hold demo-sized data.
"""

import json

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property


class LargeListPaginator(Paginator):
    exact_limit = 10_000

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_estimate = False

    @cached_property
    def count(self):
        queryset = self.object_list
        bounded = queryset.order_by()[: self.exact_limit + 1].count()
        if bounded <= self.exact_limit:
            return bounded
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return queryset.count()
        self.is_estimate = True
        sql, params = queryset.order_by().query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return max(int(plan[0]["Plan"]["Plan Rows"]), bounded)
