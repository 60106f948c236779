"""JSON look-up of recommendations for the members' pickers (see ``partners.lookups``).

Every word of the query must be found in the recommendation's text (any content language), its review's
document symbol or mechanism code, or be its paragraph number. At 300,000 recommendations a substring
match over the texts and the joined reviews read every row (a second and more, whatever the word).
On PostgreSQL the look-up is therefore two searches an index answers, each bounded:

- the texts, through the full-text GIN indexes, a word matching as a prefix (``migra`` finds "migrant");
- the reviews (a few thousand rows) whose symbol or mechanism code holds a word; the others words must
  then be the paragraph or in the text, among those reviews' recommendations only.

No other condition may be OR-ed into the text search: an OR with a column outside the GIN indexes
makes the planner read the whole table (20 s for a word found nowhere, measured without statistics).
"""

import re
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.postgres.search import SearchQuery
from django.db import connections, transaction
from django.db.models import Q
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from partners.lookups import LOOKUP_LIMIT, lookup_response

from .models import Recommendation, Review
from .text_search import CONFIGS, document, is_postgres

FIELDS = (
    *(f"text_{language}" for language in settings.MODELTRANSLATION_LANGUAGES),
    "paragraph",
    "review__document_symbol",
    "review__mechanism__code",
)
# Keys of each search read before the best LOOKUP_LIMIT are chosen (in the list's order).
WINDOW = 200


def _prefix_query(word: str, config: str) -> SearchQuery | None:
    """``word`` as a prefix query (its letters and digits only: the raw syntax must not reach tsquery)."""
    parts = re.findall(r"\w+", word)
    if not parts:
        return None
    return SearchQuery(" & ".join(f"{part}:*" for part in parts), config=config, search_type="raw")


def _text_condition(word: str) -> Q | None:
    """The word in the text of any content language, as the GIN indexes' expressions (aliases ``_fts_*``)."""
    conditions = [
        Q(**{f"_fts_text_{language}": query})
        for language, config in CONFIGS.items()
        if (query := _prefix_query(word, config)) is not None
    ]
    if not conditions:
        return None
    return reduce(or_, conditions)


def _keys(queryset, conditions) -> list:
    """The first WINDOW keys matching, read through the indexes.

    Without planner statistics (a fresh bulk load) PostgreSQL guesses a few thousand matches and, with the
    LIMIT, prefers reading the table in order until it has them: for a word found nowhere that parsed all
    300,000 texts (20 s). Sequential scans are therefore turned off for this one statement.
    """
    for condition in conditions:
        queryset = queryset.filter(condition)
    with transaction.atomic(using=queryset.db), connections[queryset.db].cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        return list(queryset.order_by().values_list("pk", flat=True)[:WINDOW])


def recommendation_keys(queryset, words) -> list:
    """Keys of at most 2 × WINDOW recommendations of ``queryset`` matching every word (PostgreSQL)."""
    searchable = queryset.alias(**{f"_fts_text_{language}": document("text", language) for language in CONFIGS})
    texts = [_text_condition(word) for word in words]
    keys = _keys(searchable, texts) if all(texts) else []
    # Words naming reviews (a symbol, a mechanism's code) narrow to those reviews; the rest must be the
    # paragraph or in the text.
    reviews, rest = None, []
    for word in words:
        ids = set(
            Review.objects.filter(Q(document_symbol__icontains=word) | Q(mechanism__code__icontains=word)).values_list(
                "pk", flat=True
            )
        )
        if ids:
            reviews = ids if reviews is None else reviews & ids
        else:
            rest.append(word)
    if reviews:
        conditions = [Q(review_id__in=reviews)]
        for word in rest:
            # A paragraph number has a digit ("15", "112.3"); the paragraph is not indexed alone, so other
            # words are looked for in the text only.
            text = _text_condition(word)
            if any(character.isdigit() for character in word):
                conditions.append(Q(paragraph=word) | text if text is not None else Q(paragraph=word))
            elif text is not None:
                conditions.append(text)
        keys += _keys(searchable, conditions)
    return keys


@require_GET
@login_required
def recommendation_lookup(request):
    queryset = Recommendation.objects.visible_to(request.user).select_related("review__mechanism")
    words = request.GET.get("q", "").split()[:6]
    if not is_postgres() or not words:
        return lookup_response(request, queryset, FIELDS)
    keys = recommendation_keys(queryset, words)
    rows = queryset.filter(pk__in=keys)[:LOOKUP_LIMIT] if keys else []
    results = [{"id": row.pk, "text": str(row)} for row in rows]
    return JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False})
