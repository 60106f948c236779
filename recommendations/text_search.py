"""Text matching in the three content languages, shared by the recommendation filter and the site search.

On PostgreSQL a field written in Russian (``*_ru``) is matched with the 'russian' text-search
configuration and one in English (``*_en``) with 'english', through the same expressions as the GIN
indexes of the ``*_search_indexes`` migrations, so that the planner can use them. Elsewhere (SQLite) a
simple case-insensitive substring match stands in.

PostgreSQL has no Kyrgyz configuration (no stemmer, no stop words): Kyrgyz fields (``*_ky``) use
'simple', which lower-cases and keeps words whole. Kyrgyz builds words by adding suffixes
(мигрант, мигранттар, мигранттардын), so each word of a query is matched as a prefix there
(``мигрант:*``), which the same GIN index answers; the query's words are all required. The websearch
syntax (quotes, OR, -word) still applies to Russian and English.

Ranking needs the document's vector, which an expression index does not store: ``ranked`` therefore
ranks at most ``RANK_WINDOW`` matching rows, picked through the index, so that a word found in every
one of 200,000 recommendations still answers quickly. Below that many matches the ranking is exact.
The window is small because ranking parses each row's text again (about 0.1 ms a row for a
recommendation): 400 rows cost 30 ms of a 150 ms page budget, 100 rows 8 ms.
"""

import re
from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import FloatField, Q, QuerySet, Value

RANK_WINDOW = 100
CONFIGS = {"ru": "russian", "en": "english", "ky": "simple"}
# Languages matched word by word as prefixes (no stemmer for them in PostgreSQL).
PREFIX_LANGUAGES = {"ky"}
WORD = re.compile(r"[^\W_]+")


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


def _prefix_query(query: str, config: str) -> SearchQuery | None:
    """``word1:* & word2:*`` from the query's words: only letters and digits reach the raw syntax."""
    words = WORD.findall(query.lower())
    if not words:
        return None
    return SearchQuery(" & ".join(f"{word}:*" for word in words), config=config, search_type="raw")


def _terms(query: str):
    terms = {}
    for lang, config in CONFIGS.items():
        term = _prefix_query(query, config) if lang in PREFIX_LANGUAGES else None
        terms[lang] = term or SearchQuery(query, config=config, search_type="websearch")
    return terms


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
