"""A page cache for anonymous visitors that never serves a page older than the content.

Every cached page is keyed by the content version (``ContentVersion``, one row read once per request),
the language and the absolute URL (scheme and host included). Any change to the content raises the version
in the same transaction:

- saves, deletes and many-to-many changes of the content apps' models, through the signal receivers
  below. This is cache invalidation, infrastructure, not a business rule: the receivers know nothing of
  what changed, only that something did;
- bulk imports, which write with raw SQL and send ``recommendations.signals.bulk_written``;
- every successful POST (or other unsafe request), after the view: it covers writes that send no
  signal (``QuerySet.update``, ``bulk_create`` in imports run from the admin).

Each request carries ``request.content_version()``, the number read once when first asked: the apps key
their caches of computed parts by it too (``partners.content_cache``), pages of members included.

Only anonymous GETs of the public pages listed in ``CACHED_VIEWS`` are cached, never a request that
carries a session cookie (a logged-in visitor, or one with messages waiting). The language switcher's
CSRF token is cut out of the stored page and the visitor's own token put back on every hit.

``PAGE_CACHE_SECONDS`` (0 turns it off; off by default with DEBUG on) bounds how long a page is kept;
``CACHE_URL`` chooses where (Redis shared by the workers, or each worker's memory). Pages go to a cache
alias of their own (``PAGE_CACHE``): anyone can add pages, and in a shared store they would push out the
counters the rate limits keep in the default cache.
"""

import functools
import hashlib
import re

from django.conf import settings
from django.core.cache import caches
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.csrf import get_token

from recommendations.signals import bulk_written

from .models import ContentVersion

CONTENT_APPS = {"partners", "recommendations", "reports", "cycle", "advocacy"}
CACHED_VIEWS = {
    "home",
    "search",
    "reports:list",
    "reports:detail",
    "recommendations:list",
    "recommendations:detail",
    "advocacy:list",
    "advocacy:detail",
    "partners:list",
    "partners:detail",
    "cycle:calendar",
    "cycle:review",
}
PAGE_CACHE = "pages"
TOKEN_PLACEHOLDER = "__csrf_token__"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')


def content_version() -> int:
    return ContentVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def content_changed():
    """Raise the content version, inside the current transaction (rolled back with it)."""
    if not ContentVersion.objects.filter(pk=1).update(number=F("number") + 1):
        ContentVersion.objects.get_or_create(pk=1)
        ContentVersion.objects.filter(pk=1).update(number=F("number") + 1)


def _is_content(sender) -> bool:
    return sender._meta.app_label in CONTENT_APPS


@receiver(post_save)
@receiver(post_delete)
def _content_saved_or_deleted(sender, raw=False, **kwargs):
    if not raw and _is_content(sender):
        content_changed()


@receiver(bulk_written)
def _content_bulk_written(sender, **kwargs):
    content_changed()


@receiver(m2m_changed)
def _content_links_changed(sender, action, **kwargs):
    if action.startswith("post_") and _is_content(sender):
        content_changed()


def _is_authenticated(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def _cache_key(request, version: int) -> str:
    # The absolute URL (scheme, host, path and query): a page holds absolute links (hreflang, canonical,
    # feeds) to the host and scheme it was asked on, so another host or http/https gets its own copy.
    url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"page:{version}:{request.LANGUAGE_CODE}:{url}"


class AnonymousPageCacheMiddleware:
    """Serves and stores the public pages of anonymous visitors (after Locale, CSRF and CSP middleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Read at most once per request, and only when asked: here for a cacheable page, and by the apps'
        # own caches of computed parts (partners.content_cache) on any page.
        request.content_version = functools.cache(content_version)
        # Asked before the view runs: logging in makes the visitor a user, and changes no content.
        logged_in = _is_authenticated(request)
        response = self.get_response(request)
        if request.method not in SAFE_METHODS and response.status_code < 400 and logged_in:
            # Only people who are logged in change content; an anonymous POST (the language switcher, the log-in
            # form) does not.
            content_changed()
        key = getattr(request, "_page_cache_key", None)
        if key and self._storable(request, response):
            body = CSRF_INPUT.sub(rb"\g<1>" + TOKEN_PLACEHOLDER.encode() + rb"\g<2>", response.content)
            caches[PAGE_CACHE].set(key, (response["Content-Type"], body), settings.PAGE_CACHE_SECONDS)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self._cacheable(request):
            return None
        key = _cache_key(request, request.content_version())
        cached = caches[PAGE_CACHE].get(key)
        if cached is None:
            request._page_cache_key = key
            return None
        content_type, body = cached
        if TOKEN_PLACEHOLDER.encode() in body:
            body = body.replace(TOKEN_PLACEHOLDER.encode(), get_token(request).encode())
        response = HttpResponse(body, content_type=content_type)
        response["X-Page-Cache"] = "hit"
        return response

    @staticmethod
    def _cacheable(request) -> bool:
        match = request.resolver_match
        return bool(
            settings.PAGE_CACHE_SECONDS
            and request.method == "GET"
            and match is not None
            and match.view_name in CACHED_VIEWS
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and "HTTP_HX_REQUEST" not in request.META
        )

    @staticmethod
    def _storable(request, response) -> bool:
        session = getattr(request, "session", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not (session is not None and session.modified)
            and not _is_authenticated(request)
        )
