"""Cursor pagination on the primary key: the same index walk at page 1 and at page 2,000.

An offset page costs the rows it skips; a cursor page starts at ``id > last id seen`` on the primary
key index, so its time does not grow with depth, and rows written during a harvest neither repeat
nor go missing. No total count: counting every match on each page is what this avoids.
"""

from rest_framework.pagination import CursorPagination

MAX_PAGE_SIZE = 100


class IdCursorPagination(CursorPagination):
    ordering = ("id",)
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
