"""Who is asking and how often: the client's address behind the reverse proxy, and counters in the cache.

``client_address(request)`` is the one answer to "which address is this request from" for everything that
counts or locks by address: django-axes' log-in lock-out (``AXES_CLIENT_IP_CALLABLE``), the password-reset
throttle and any other rate limit. Behind the reverse proxy the README prescribes, ``REMOTE_ADDR`` is the
proxy's own address for every visitor, so keying on it lets one person lock everybody out.

``TRUSTED_PROXIES`` says how many proxies stand in front of the portal. Each appends the address it
received the request from to ``X-Forwarded-For``, so with N proxies the client's address is the Nth entry
from the right; entries further left were written by the client and prove nothing. With 0 (the default)
the header is ignored entirely: without a proxy that overwrites it, anyone can send one.

An IPv6 client is counted by its /64 network, not its single address: one line (a home router, a rented
server) is given at least a /64 and its owner can pick a fresh address from it for every request, which
would make a per-address lock-out or limit count nothing. An IPv4 address that a dual-stack proxy wrote in
IPv6 form (``::ffff:203.0.113.5``) is the IPv4 client it names.

It lives on the lowest floor, like ``formtools``, so that every app may count by address.
"""

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache

IPV6_CLIENT_PREFIX = 64


def client_address(request) -> str | None:
    """The address of the client, as the last trusted proxy saw it (``REMOTE_ADDR`` without proxies).

    For IPv6, the first address of the client's /64 (see the module's note).
    """
    remote = counted_address(request.META.get("REMOTE_ADDR"))
    proxies = getattr(settings, "TRUSTED_PROXIES", 0)
    if proxies <= 0:
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if len(forwarded) < proxies:
        # The request did not come through every proxy (a probe on the same network): its own address.
        return remote
    try:
        return _counted(ipaddress.ip_address(forwarded[-proxies]))
    except ValueError:
        # Not written by a proxy we trust (they write bare addresses): count it as the peer's.
        return remote


def counted_address(text: str | None) -> str | None:
    """``text`` as the address counts go by (IPv6 as its /64), or unchanged when it is not an address."""
    try:
        return _counted(ipaddress.ip_address(text))
    except ValueError:
        return text


def _counted(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network((address, IPV6_CLIENT_PREFIX), strict=False).network_address)
    return str(address)


def throttle_allows(*, scope: str, key: str, limit: int, seconds: int) -> bool:
    """Count one more event for ``key`` in ``scope``; False once more than ``limit`` fell within ``seconds``.

    A fixed window starting with the first event, kept in Django's cache, so that workers and hosts sharing
    a Redis cache share the counts (with the per-process memory cache each process counts apart).
    """
    digest = hashlib.sha256(key.encode()).hexdigest()
    cache_key = f"throttle:{scope}:{digest}"
    cache.add(cache_key, 0, seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # The window ended between add() and incr(): this event opens a new one.
        cache.add(cache_key, 1, seconds)
        count = 1
    return count <= limit
