"""Advocacy events and actions: who organised them, whom they addressed, what they promoted and won."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from partners.access import Workflow, is_coordinator, is_member, organisation_ids
from partners.models import Organisation
from recommendations.models import Recommendation
from reports.models import Report


class EventQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status=Workflow.PUBLISHED, visibility=Event.Visibility.PUBLIC)

    def visible_to(self, user):
        """Public: published public events. Members: every published event and their own drafts."""
        if is_coordinator(user):
            return self
        if is_member(user):
            return self.filter(Q(status=Workflow.PUBLISHED) | Q(owner_id__in=organisation_ids(user)))
        return self.public()


class Event(models.Model):
    class Kind(models.TextChoices):
        SIDE_EVENT = "side_event", _("Side event")
        STATEMENT = "statement", _("Statement")
        NGO_BRIEFING = "ngo_briefing", _("NGO briefing")
        LOBBYING_MEETING = "lobbying_meeting", _("Lobbying meeting")
        LETTER = "letter", _("Letter or appeal")
        PRESS_CONFERENCE = "press_conference", _("Press conference")
        FACT_FINDING = "fact_finding", _("Fact-finding mission")
        TRAINING = "training", _("Training")
        ROUNDTABLE = "roundtable", _("Round table")
        EXPERT_MEETING = "expert_meeting", _("Expert meeting")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members only")

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True, help_text=_("City and venue."))
    country = CountryField(_("country"), blank=True)
    forum = models.CharField(
        _("forum"), max_length=200, blank=True, help_text=_("For example: OSCE Human Dimension Implementation Meeting")
    )
    description = models.TextField(_("description"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    organisers = models.ManyToManyField(
        Organisation, verbose_name=_("organisers"), blank=True, related_name="organised_events"
    )
    participants = models.ManyToManyField(
        Organisation,
        verbose_name=_("participants"),
        through="EventParticipant",
        blank=True,
        related_name="participated_events",
    )
    addressed_bodies = models.ManyToManyField(
        Organisation,
        verbose_name=_("addressed state bodies"),
        blank=True,
        related_name="addressed_events",
        limit_choices_to={"kind": Organisation.Kind.STATE_BODY},
    )
    reports_presented = models.ManyToManyField(
        Report, verbose_name=_("reports presented"), blank=True, related_name="events"
    )
    recommendations_promoted = models.ManyToManyField(
        Recommendation, verbose_name=_("recommendations promoted"), blank=True, related_name="events"
    )
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    status = models.CharField(_("status"), max_length=20, choices=Workflow.choices, default=Workflow.DRAFT)
    review_comment = models.TextField(
        _("reviewer's comment"),
        blank=True,
        help_text=_("Why a coordinator sent it back to draft; the members read it."),
    )
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("owning organisation"),
        on_delete=models.PROTECT,
        related_name="owned_events",
        null=True,
        blank=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recorded_events",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("advocacy event")
        verbose_name_plural = _("advocacy events")
        ordering = ["-starts_on", "-pk"]
        permissions = [("publish_event", _("Can publish advocacy events"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="event_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "visibility", "starts_on"], name="event_public_date_idx"),
            models.Index(fields=["kind"], name="event_kind_idx"),
        ]

    def __str__(self):
        return f"{self.title} ({self.starts_on:%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("advocacy:detail", kwargs={"pk": self.pk})

    @property
    def is_public(self):
        return self.status == Workflow.PUBLISHED and self.visibility == self.Visibility.PUBLIC

    def editable_by(self, user):
        return is_coordinator(user) or (self.owner_id is not None and self.owner_id in organisation_ids(user))


class EventParticipant(models.Model):
    """An organisation that took part, with what it did there."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(_("role"), max_length=200, blank=True, help_text=_("For example: speaker, co-organiser"))

    # Its history is registered in translation.py, after the role's translation fields exist.

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [models.UniqueConstraint(fields=["event", "organisation"], name="event_participant_unique")]

    def __str__(self):
        return f"{self.organisation.display_name} — {self.role}" if self.role else self.organisation.display_name


class EventLink(models.Model):
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("link"), max_length=500)
    title = models.CharField(_("title"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self):
        return self.title or self.url


class EventAttachment(models.Model):
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="events/%Y/")
    title = models.CharField(_("title"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title or self.file.name.rsplit("/", 1)[-1]

    def get_file_url(self):
        """The file behind the event's visibility rule (advocacy/views.py), never the media folder."""
        return reverse("advocacy:attachment", kwargs={"pk": self.event_id, "id": self.pk})
