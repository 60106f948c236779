"""JSON look-ups behind the searchable pickers of members' forms (``static/js/picker.js``).

Each answers ``?q=`` with at most ``LOOKUP_LIMIT`` records the person may see, as
``{"results": [{"id": 1, "text": "…"}]}``; an empty query returns nothing rather than a random page.
"""

from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from .models import Organisation

LOOKUP_LIMIT = 20


def lookup_response(request, queryset, fields, label=str):
    """Every word of ``q`` must appear in one of ``fields``; answer with the first matches."""
    words = request.GET.get("q", "").split()[:6]
    if not words:
        return JsonResponse({"results": []})
    condition = reduce(and_, (reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields)) for word in words))
    results = [{"id": obj.pk, "text": label(obj)} for obj in queryset.filter(condition)[:LOOKUP_LIMIT]]
    return JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False})


@require_GET
@login_required
def organisation_lookup(request):
    queryset = Organisation.objects.visible_to(request.user)
    if request.GET.get("kind") in Organisation.Kind.values:
        queryset = queryset.filter(kind=request.GET["kind"])
    fields = [
        f"{field}_{language}" for field in ("name", "short_name") for language in settings.MODELTRANSLATION_LANGUAGES
    ]
    return lookup_response(request, queryset, (*fields, "city"))
