"""Organisations (state bodies and UN bodies included), memberships and partnerships."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from .access import is_coordinator, is_member, organisation_ids


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def visible_to(self, user):
        return self if is_member(user) else self.public()

    def state_bodies(self):
        return self.filter(kind=Organisation.Kind.STATE_BODY)

    def platform_members(self):
        return self.filter(is_platform_member=True)

    def needing_review(self):
        """Organisations members added that no coordinator has published (or kept members-only) yet."""
        return self.filter(needs_review=True, is_public=False)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        NGO = "ngo", _("NGO")
        INTERNATIONAL_NGO = "international_ngo", _("International NGO")
        NETWORK = "network", _("Network")
        STATE_BODY = "state_body", _("State body")
        UN_BODY = "un_body", _("UN body")
        OSCE = "osce", _("OSCE")
        TRADE_UNION = "trade_union", _("Trade union")
        DONOR = "donor", _("Donor")
        MEDIA = "media", _("Media")

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NGO)
    country = CountryField(_("country"), blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_platform_member = models.BooleanField(_("platform member"), default=False)
    is_public = models.BooleanField(_("public"), default=True, help_text=_("Shown to visitors who are not logged in."))
    # A member who names a missing organisation in an action form proposes it: it stays members-only and
    # waits in the coordinators' review queue until one publishes it (partners.services).
    needs_review = models.BooleanField(
        _("awaiting review"),
        default=False,
        help_text=_("Added by a member; not public until a coordinator publishes it."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_organisations",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kind", "country"], name="org_kind_country_idx"),
            models.Index(fields=["is_public", "is_platform_member"], name="org_public_member_idx"),
        ]

    def __str__(self):
        return f"{self.name} ({self.short_name})" if self.short_name and self.short_name != self.name else self.name

    def get_absolute_url(self):
        return reverse("partners:detail", kwargs={"slug": self.slug})

    @property
    def display_name(self):
        return self.short_name or self.name

    def editable_by(self, user):
        return is_coordinator(user) or self.pk in organisation_ids(user)


class Membership(models.Model):
    """A user's place in an organisation; one role per user and organisation."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        COORDINATOR = "coordinator", _("Coordinator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_one_role_per_org"),
        ]

    def __str__(self):
        return f"{self.user} — {self.organisation.display_name} ({self.get_role_display()})"


class Partnership(models.Model):
    """A working relationship between two organisations: joint research, funding, a network."""

    class Kind(models.TextChoices):
        JOINT_RESEARCH = "joint_research", _("Joint research")
        FUNDING = "funding", _("Funding")
        NETWORK = "network", _("Network membership")
        COOPERATION = "cooperation", _("Cooperation")
        TRAINING = "training", _("Training")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="partnerships"
    )
    partner = models.ForeignKey(
        Organisation, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="partner_of"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COOPERATION)
    description = models.TextField(_("description"), blank=True)
    started_on = models.DateField(_("since"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["-started_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "partner", "kind"], name="partnership_unique_kind"),
            models.CheckConstraint(condition=~Q(organisation=F("partner")), name="partnership_not_self"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(started_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="partnership_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.organisation.display_name} ↔ {self.partner.display_name} ({self.get_kind_display()})"
