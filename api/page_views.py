"""Human pages of the API: its documentation at /api/ and the members' personal tokens."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from partners.access import is_member

from .dumps import published_dumps
from .forms import ApiTokenForm
from .models import ApiToken
from .services import api_token_create, api_token_revoke


def docs(request):
    """What the API offers, with examples, the licence, how to cite, the dumps and the schema browser."""
    api_root = request.build_absolute_uri(reverse("api_v1:api-root"))
    dumps = published_dumps()
    for dump in dumps:
        for item in dump.get("files", []):
            item["url"] = reverse("api_v1:dump-file", kwargs={"stamp": dump["stamp"], "name": item["name"]})
    context = {
        "api_root": api_root.rstrip("/"),
        "schema_url": reverse("api_v1:schema"),
        "licence": settings.DATA_LICENCE,
        "dumps": dumps[:1],
        "site_url": request.build_absolute_uri("/"),
        "anon_rate": settings.API_ANON_RATE,
    }
    return render(request, "api/docs.html", context)


@never_cache
@login_required
def tokens(request):
    """A member's personal tokens: make one (its key shown this once), see when each was used, revoke."""
    if not is_member(request.user):
        raise PermissionDenied
    new_key = None
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, new_key = api_token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = ApiTokenForm()
            messages.success(request, _("Token “%(name)s” created.") % {"name": token.name})
    context = {
        "form": form,
        "new_key": new_key,
        "tokens": ApiToken.objects.owned_by(request.user),
        "api_root": request.build_absolute_uri(reverse("api_v1:api-root")).rstrip("/"),
    }
    return render(request, "api/tokens.html", context)


@require_POST
@login_required
def token_revoke(request, pk):
    if not api_token_revoke(user=request.user, token_id=pk):
        raise Http404
    messages.success(request, _("The token was revoked: it no longer opens the API."))
    return redirect("api_tokens:list")
