"""Text matching in the three content languages, shared by the recommendation filter and the site search.

On PostgreSQL a field written in Russian (``*_ru``) is matched with the 'russian' text-search
configuration and one in English (``*_en``) with 'english', through the same expressions as the GIN
indexes of the ``*_search_indexes`` migrations, so that the planner can use them. Elsewhere (SQLite) a
simple case-insensitive substring match stands in.

PostgreSQL has no Kyrgyz configuration (no stemmer, no stop words): Kyrgyz fields (``*_ky``) use
'simple', which lower-cases and keeps words whole, through GIN indexes of the same expression. Kyrgyz
builds words with suffixes (мигрант, мигранттар, мигранттардын), so a prefix match (``мигрант:*``) would
find more, but the planner's estimate for prefix queries is high: on 20,000 recommendations a word found
nowhere went from a bitmap scan of the indexes (9 ms) to a sequential scan under the window's LIMIT
(760 ms). Whole words keep the indexed plan; the websearch syntax (quotes, OR, -word) applies to all three.
"""

from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import FloatField, Q, QuerySet, Value

RANK_WINDOW = 100
CONFIGS = {"ru": "russian", "en": "english", "ky": "simple"}


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def document(field: str, language: str) -> SearchVector:
    """The search vector of one translated field; the same expression the GIN index is built on."""
    return SearchVector(f"{field}_{language}", config=CONFIGS[language])


def index_sql(table: str, field: str, language: str) -> str:
    """CREATE INDEX statement matching ``document(field, language)`` (used by the migrations)."""
    config = CONFIGS[language]
    column = f"{field}_{language}"
    return (
        f'CREATE INDEX IF NOT EXISTS "{table}_{column}_fts" ON "{table}" '
        f"USING gin (to_tsvector('{config}'::regconfig, COALESCE(\"{column}\", '')))"
    )


def _terms(query: str):
    return {lang: SearchQuery(query, config=config, search_type="websearch") for lang, config in CONFIGS.items()}


def matching(queryset: QuerySet, query: str, fields) -> QuerySet:
    """Rows whose translated ``fields`` (names without the language suffix) contain the query."""
    query = (query or "").strip()
    if not query:
        return queryset
    if is_postgres():
        terms = _terms(query)
        condition = reduce(
            or_,
            (Q(**{f"_fts_{field}_{lang}": terms[lang]}) for field in fields for lang in CONFIGS),
        )
        annotations = {f"_fts_{field}_{lang}": document(field, lang) for field in fields for lang in CONFIGS}
        return queryset.alias(**annotations).filter(condition)
    condition = reduce(or_, (Q(**{f"{field}_{lang}__icontains": query}) for field in fields for lang in CONFIGS))
    return queryset.filter(condition)


def ranked(queryset: QuerySet, query: str, fields, *, limit: int) -> QuerySet:
    """The best ``limit`` matches of ``queryset``, ranked (on PostgreSQL) by SearchRank over both languages.

    The first field counts most (weight A, a title); the others weigh B.

    The window of matching keys is fetched first, as a list, and the ranking query then reads those rows
    by primary key. Written as one statement (``pk IN (SELECT … LIMIT 100)``), the planner is free to run
    the window as a semi-join re-evaluated per outer row; with no statistics (a fresh bulk load) it did,
    and a search took seconds. A list of at most ``RANK_WINDOW`` keys leaves no such choice: the second
    query is an index lookup of ≤ 100 rows whatever the estimates say.
    """
    window = list(matching(queryset, query, fields).order_by().values_list("pk", flat=True)[:RANK_WINDOW])
    if not window:
        return queryset.none()
    base = queryset.filter(pk__in=window)
    if not is_postgres():
        return base.annotate(rank=Value(1.0, output_field=FloatField()))[:limit]
    terms = _terms(query)
    rank = reduce(
        lambda a, b: a + b,
        (
            SearchRank(
                SearchVector(f"{field}_{lang}", config=CONFIGS[lang], weight="A" if position == 0 else "B"),
                terms[lang],
            )
            for position, field in enumerate(fields)
            for lang in CONFIGS
        ),
    )
    return base.annotate(rank=rank).order_by("-rank", "-pk")[:limit]
