"""Requests the portal refuses before any view runs.

A NUL character (``%00``) cannot be stored in or compared with PostgreSQL text: a query string holding one
reached the database through search, the look-ups and the list filters and answered 500. No address or
query parameter of the portal has a use for it, so any request whose path or query string holds one is
answered 400 here, for every view at once, with the site's own page in the visitor's language
(``platform_site.views.bad_request``). Form fields (POST) are left to the forms, which refuse NUL with a
message beside the field (Django's ``CharField`` and the model choice fields do).
"""

from django.core.exceptions import BadRequest

NUL = "\x00"


def has_nul(querydict) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in querydict.lists())


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path or has_nul(request.GET):
            raise BadRequest("NUL character in the address or the query string")
        return self.get_response(request)
