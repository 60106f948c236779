"""``/healthz`` answered before anything reads the Host header.

A probe on the portal's own machine (Docker's health check, a load balancer, the README's
``curl http://127.0.0.1:8000/healthz``) names a host that production's ``ALLOWED_HOSTS`` does not list,
so through the normal middleware it would get 400 (``DisallowedHost``). The health check builds no link
and reads nothing of the request, so the host it was asked under does not matter; every other URL still
refuses hosts the portal does not serve.
"""

from .views import healthz

HEALTH_CHECK_PATH = "/healthz"


class HealthCheckMiddleware:
    """Placed right after SecurityMiddleware (whose headers the answer keeps) and before any middleware that
    validates the host (CommonMiddleware, CSRF)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_CHECK_PATH:
            return healthz(request)
        return self.get_response(request)
