"""JSON look-up of recommendations for the members' pickers (see ``partners.lookups``)."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from partners.lookups import lookup_response

from .models import Recommendation


@require_GET
@login_required
def recommendation_lookup(request):
    queryset = Recommendation.objects.visible_to(request.user).select_related("review__mechanism")
    fields = ("text_ru", "text_en", "paragraph", "review__document_symbol", "review__mechanism__code")
    return lookup_response(request, queryset, fields)
