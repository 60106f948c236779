"""The portal's own tables: the content version that keys the anonymous page cache (see page_cache.py), and
the members' reminder preferences with the log of what their digests already sent (see digests.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


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


class ReminderPreference(models.Model):
    """What a member follows in the review calendar, how often they hear of it, and in which language."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        DAILY = "daily", _("Daily")
        NEVER = "never", _("Never")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="reminder_preference"
    )
    states = CountryField(_("states followed"), multiple=True, blank=True)
    mechanisms = models.ManyToManyField(
        "recommendations.Mechanism", verbose_name=_("mechanisms followed"), blank=True, related_name="+"
    )
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")

    def __str__(self):
        return f"{self.user} — {self.get_frequency_display()}"


class DigestSent(models.Model):
    """What a digest already told a person in a period, so that no item is sent twice for it.

    ``item`` is a stable key (``deadline:12``, ``event-returned:5:…``); the item ``digest`` marks that the
    person's digest of the period went out at all (one message a period at most).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    item = models.CharField(_("item"), max_length=120)
    period = models.CharField(_("period"), max_length=12)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("digest item sent")
        verbose_name_plural = _("digest items sent")
        constraints = [models.UniqueConstraint(fields=["user", "item", "period"], name="digest_sent_once")]

    def __str__(self):
        return f"{self.user_id} {self.item} {self.period}"
