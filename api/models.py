"""Personal API tokens: a member creates and revokes them on their account page.

Only a SHA-256 hash of the key is stored; the key itself is shown once, when it is made. A token acts
as its owner and sees exactly what the owner sees on the site (and nothing once the owner is inactive).
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

KEY_BYTES = 32
PREFIX_LENGTH = 8


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    return secrets.token_urlsafe(KEY_BYTES)


class ApiTokenQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(user=user) if getattr(user, "is_authenticated", False) else self.none()


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, e.g. a script's name."))
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        _("beginning of the key"), max_length=PREFIX_LENGTH, editable=False, help_text=_("To recognise a token.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
