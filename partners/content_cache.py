"""Parts of computed pages kept until the content changes: menus of filters, counts, the home page's chart.

The anonymous page cache (``platform_site.page_cache``, the top floor) keys whole pages by the content
version, a number raised in the transaction of every change to the content. It puts a reader of that
number on each request (``request.content_version()``, one small query at most per request), and the apps
below use it here to keep what every visitor of a kind would compute alike: the same content version,
language and audience give the same value, and a publish, an import or any other change moves the
version on, so a stale value is never read again (it expires unread).

The audience is what the visitor may see as far as these parts go: members and coordinators see every
recommendation and organisation, the public only the public ones (``visible_to``). A value that depends on
more than that (a member's own drafts) must not be kept here.

Without a version on the request (a management command, a request built by hand) the value is computed
each time.
"""

from django.core.cache import caches
from django.utils import translation

from .access import is_member

TIMEOUT = 24 * 60 * 60


def audience(user) -> str:
    return "members" if is_member(user) else "public"


def cached_per_content_version(request, name: str, compute, *, cache_alias: str = "default", timeout: int = TIMEOUT):
    """``compute()``, kept per content version, language and audience in the cache ``cache_alias``.

    Values whose names a visitor chooses (a count per query string) belong in the page cache's own alias,
    as pages do, so that they cannot push out what the default cache keeps (the rate limits' counters), and
    with a short ``timeout``: one per invented query string must not be kept for a day.
    """
    version = getattr(request, "content_version", None)
    if version is None:
        return compute()
    key = f"content:{version()}:{translation.get_language()}:{audience(request.user)}:{name}"
    cache = caches[cache_alias]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
