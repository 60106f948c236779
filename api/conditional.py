"""ETag and Last-Modified for every answer, so an unchanged list answers 304 to a conditional request.

The validator is the content version the page cache uses (platform_site.page_cache.content_version):
one row, raised in the transaction of every change to the content. An ETag is that number hashed
with what else shapes the answer: the URL with its query (filters, cursor, language, format), the
``Accept`` header and who is asking (their role and organisations), so a member's answer never
validates the public's. Last-Modified is the moment this version was first seen, kept in the
default cache: later than the change itself, never earlier, so If-Modified-Since stays correct.
(api may import platform_site: both are on the top floor and nothing imports api.)
"""

import hashlib

from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag

from partners.access import is_coordinator, organisation_ids
from platform_site.page_cache import content_version

SEEN_KEY = "api:content-version-seen:{}"
SEEN_SECONDS = 30 * 24 * 3600


def _caller(user) -> str:
    if not getattr(user, "is_authenticated", False):
        return "public"
    return f"{user.pk}:{int(is_coordinator(user))}:{','.join(map(str, sorted(organisation_ids(user))))}"


def validators(request) -> tuple[str, float]:
    # The page cache's middleware reads the version once per request; a request built by hand has no reader.
    reader = getattr(request, "content_version", content_version)
    version = reader()
    seen = cache.get(SEEN_KEY.format(version))
    if seen is None:
        seen = int(timezone.now().timestamp())
        # add(), not set(): the first worker to see the version fixes its moment for all (with Redis).
        cache.add(SEEN_KEY.format(version), seen, SEEN_SECONDS)
        seen = cache.get(SEEN_KEY.format(version), seen)
    shape = "\n".join(
        (str(version), request.get_full_path(), request.META.get("HTTP_ACCEPT", ""), _caller(request.user))
    )
    etag = quote_etag(hashlib.sha256(shape.encode()).hexdigest()[:32])
    return etag, seen


def not_modified(request):
    """The 304 (or 412) answer to a conditional GET whose validators still hold, else None."""
    etag, seen = validators(request)
    request._api_validators = (etag, seen)
    return get_conditional_response(request, etag=etag, last_modified=seen)


def add_validators(request, response):
    validators_ = getattr(request, "_api_validators", None)
    if validators_ is not None and response.status_code in (200, 304):
        etag, seen = validators_
        response["ETag"] = etag
        response["Last-Modified"] = http_date(seen)
    # Answers differ by format, by caller (token or session) and by nothing else outside the URL.
    patch_vary_headers(response, ("Accept", "Authorization", "Cookie"))
    if getattr(request.user, "is_authenticated", False):
        response["Cache-Control"] = "private, no-cache"
    else:
        response["Cache-Control"] = "public, no-cache"
    return response
