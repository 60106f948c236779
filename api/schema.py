"""How the OpenAPI schema describes the personal tokens (drf-spectacular extension, loaded in apps.py)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.PersonalTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "A member's personal token: `Token <key>` (or `Bearer <key>`). Anonymous calls need none.",
        }
