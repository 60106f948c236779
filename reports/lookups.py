"""JSON look-up of reports for the members' pickers (see ``partners.lookups``)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from partners.lookups import lookup_response

from .models import Report


@require_GET
@login_required
def report_lookup(request):
    titles = [f"title_{language}" for language in settings.MODELTRANSLATION_LANGUAGES]
    return lookup_response(request, Report.objects.visible_to(request.user), (*titles, "slug"), label=str)
