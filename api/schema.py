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


ERROR = {
    "type": "object",
    "description": "What was wrong: `detail`, or a list of messages per parameter.",
    "additionalProperties": True,
}
ERROR_CONTENT = {"application/json": {"schema": ERROR}, "text/csv": {"schema": {"type": "string"}}}
ERRORS = {
    "400": "A filter's value is not valid (see the messages per parameter).",
    "401": "The token is not valid or was revoked.",
    "404": "No such object for this caller, or a cursor that is not valid.",
    "429": "Too many calls from this address: wait the seconds in Retry-After.",
}
VALIDATORS = {
    "ETag": {"schema": {"type": "string"}, "description": "Send it back in If-None-Match."},
    "Last-Modified": {"schema": {"type": "string"}, "description": "Send it back in If-Modified-Since."},
}


def document_conditional_and_errors(result, generator, request, public):
    """Every answer's validators, the 304 of a conditional request, and the error answers."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            if "200" in responses:
                responses["200"].setdefault("headers", {}).update(VALIDATORS)
            responses["304"] = {"description": "Not modified since the ETag or date the request sent."}
            for code, description in ERRORS.items():
                responses.setdefault(code, {"description": description, "content": ERROR_CONTENT})
            responses["429"]["headers"] = {"Retry-After": {"schema": {"type": "integer"}}}
    return result
