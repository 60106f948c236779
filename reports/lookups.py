"""JSON look-up of reports for the members' pickers (see ``partners.lookups``)."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from partners.lookups import lookup_response

from .models import Report


@require_GET
@login_required
def report_lookup(request):
    return lookup_response(
        request, Report.objects.visible_to(request.user), ("title_ru", "title_en", "slug"), label=str
    )
