"""Anonymous callers' rate, per client address, read from the settings on each request.

DRF's own classes copy the rates once, at import; reading ``API_ANON_RATE`` on each request lets the
tests (and an operator, after a restart) set it. Counters live in the default cache: Redis, shared by
every worker, when ``CACHE_URL`` is set.

The address counted is the one the log-in lock-out counts (``partners.throttle.client_address``): the
``TRUSTED_PROXIES``-th entry of X-Forwarded-For, and an IPv6 client by its /64, since one line holds a
whole /64 and a fresh address per request would otherwise escape the limit.

Members are not limited. Anyone else, a session or a token of someone who is no member (any more), sees
what the public sees and is counted as the public, by address.
"""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

from partners.access import is_member
from partners.throttle import client_address


class AnonymousAddressThrottle(AnonRateThrottle):
    def get_rate(self):
        return settings.API_ANON_RATE

    def get_cache_key(self, request, view):
        if is_member(request.user):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def get_ident(self, request):
        return client_address(request) or ""

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)
