"""Anonymous callers' rate, per client address, read from the settings on each request.

DRF's own classes copy the rates once, at import; reading ``API_ANON_RATE`` on each request lets the
tests (and an operator, after a restart) set it. Counters live in the default cache: Redis, shared by
every worker, when ``CACHE_URL`` is set.

The address counted is the one the log-in lock-out counts (``partners.throttle.client_address``): the
``TRUSTED_PROXIES``-th entry of X-Forwarded-For, and an IPv6 client by its /64, since one line holds a
whole /64 and a fresh address per request would otherwise escape the limit.
"""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

from partners.throttle import client_address


class AnonymousAddressThrottle(AnonRateThrottle):
    def get_rate(self):
        return settings.API_ANON_RATE

    def get_ident(self, request):
        return client_address(request) or ""

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)
