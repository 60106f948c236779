"""The portal's own table: the content version that keys the anonymous page cache (see page_cache.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One row whose number goes up with every change to the public content.

    It lives in the database so that every gunicorn worker sees the same number, and it is raised in
    the transaction of the change itself, so a page cached under an older number is never served again.
    """

    number = models.BigIntegerField(_("number"), default=0)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return str(self.number)
