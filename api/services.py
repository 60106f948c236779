"""Writes of the API app: personal tokens made and revoked."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partners.access import is_member

from .models import PREFIX_LENGTH, ApiToken, hash_key, new_key

MAX_TOKENS = 10


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for a member; returns it and its key, which is never stored nor shown again."""
    if not is_member(user):
        raise PermissionDenied
    if ApiToken.objects.owned_by(user).count() >= MAX_TOKENS:
        raise ValidationError(
            _("You already have %(limit)s tokens: revoke one first."), code="too_many", params={"limit": MAX_TOKENS}
        )
    key = new_key()
    token = ApiToken(user=user, name=name.strip(), key_hash=hash_key(key), prefix=key[:PREFIX_LENGTH])
    token.full_clean()
    token.save()
    return token, key


@transaction.atomic
def api_token_revoke(*, user, token_id: int) -> bool:
    deleted, _rows = ApiToken.objects.owned_by(user).filter(pk=token_id).delete()
    return bool(deleted)
