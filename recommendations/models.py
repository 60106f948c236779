"""UN Human Rights Index vocabularies, mechanisms, reviews, recommendations and status assessments.

The platform's own asks are recommendations too: their mechanism is the platform itself, and
``reflected_in`` ties an ask to the UN or OSCE recommendations that took it up.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from partners.access import is_coordinator, is_member, organisation_ids
from partners.models import Organisation


class Vocabulary(models.Model):
    """A term of the UN index's vocabularies, keyed by its English name as UHRI writes it."""

    name = models.CharField(_("name"), max_length=255)
    key = models.CharField(_("UHRI name"), max_length=255, unique=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Theme(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class AffectedGroup(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("affected group")
        verbose_name_plural = _("affected groups")


class SdgTarget(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True)
    title = models.CharField(_("title"), max_length=255)

    class Meta:
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} - {self.title}"


class Mechanism(models.Model):
    class Kind(models.TextChoices):
        TREATY_BODY = "treaty_body", _("UN treaty body")
        UPR = "upr", _("Universal Periodic Review")
        SPECIAL_PROCEDURE = "special_procedure", _("UN special procedure")
        OSCE = "osce", _("OSCE")
        PLATFORM = "platform", _("The platform's own asks")

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = _("mechanism")
        verbose_name_plural = _("mechanisms")
        ordering = ["code"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        """What a reader sees: the body's abbreviation (OSCE/ODIHR, not OSCE_ODIHR), or the platform's name."""
        return self.name if self.kind == self.Kind.PLATFORM else self.code.replace("_", "/")


class ReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Reviews by UN and OSCE bodies are public records; the platform's own "reviews" (the asks of a
        report) only once one of their asks is visible, so an unpublished report's asks stay unseen."""
        if is_member(user):
            return self
        public_asks = Recommendation.objects.public().filter(review_id=models.OuterRef("pk"))
        return self.filter(~Q(mechanism__kind=Mechanism.Kind.PLATFORM) | models.Exists(public_asks))


class Review(models.Model):
    """One examination of a state by a mechanism, with the document that records its outcome."""

    mechanism = models.ForeignKey(
        Mechanism, verbose_name=_("mechanism"), on_delete=models.PROTECT, related_name="reviews"
    )
    state = CountryField(_("state under review"), blank=True)
    session = models.CharField(_("session"), max_length=60, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    document_symbol = models.CharField(_("document symbol"), max_length=120, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)

    history = HistoricalRecords()
    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-year", "mechanism__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["document_symbol"], condition=~Q(document_symbol=""), name="review_unique_symbol"
            ),
        ]
        indexes = [models.Index(fields=["state", "year"], name="review_state_year_idx")]

    def __str__(self):
        parts = [self.mechanism.code]
        if self.state:
            parts.append(str(self.state.name))
        if self.year:
            parts.append(str(self.year))
        label = " — ".join(parts)
        return f"{label} ({self.document_symbol})" if self.document_symbol else label


class Status(models.TextChoices):
    """How far a state has carried out a recommendation."""

    NOT_ASSESSED = "not_assessed", _("Not assessed")
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    PARTIALLY_IMPLEMENTED = "partially", _("Partially implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    NOT_IMPLEMENTED = "not_implemented", _("Not implemented (regressed)")


class RecommendationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def visible_to(self, user):
        return self if is_member(user) else self.public()

    def asks(self):
        return self.filter(review__mechanism__kind=Mechanism.Kind.PLATFORM)


class Recommendation(models.Model):
    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", _("Recommendation")
        OBSERVATION = "observation", _("Concern/observation")

    class UprResponse(models.TextChoices):
        SUPPORTED = "supported", _("Supported")
        NOTED = "noted", _("Noted")

    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.PROTECT, related_name="recommendations"
    )
    paragraph = models.CharField(_("paragraph"), max_length=30, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.RECOMMENDATION)
    text = models.TextField(_("text"))
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="recommendations")
    affected_groups = models.ManyToManyField(
        AffectedGroup, verbose_name=_("affected groups"), blank=True, related_name="recommendations"
    )
    sdg_targets = models.ManyToManyField(
        SdgTarget, verbose_name=_("SDG targets"), blank=True, related_name="recommendations"
    )
    addressed_bodies = models.ManyToManyField(
        Organisation,
        verbose_name=_("addressed state bodies"),
        blank=True,
        related_name="addressed_recommendations",
        limit_choices_to={"kind": Organisation.Kind.STATE_BODY},
    )
    reflected_in = models.ManyToManyField(
        "self",
        verbose_name=_("reflected in"),
        symmetrical=False,
        blank=True,
        related_name="reflects",
        help_text=_("For the platform's own asks: the UN or OSCE recommendations that took the ask up."),
    )
    upr_response = models.CharField(_("UPR response"), max_length=20, choices=UprResponse.choices, blank=True)
    recommending_states = models.TextField(_("recommending states"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_ASSESSED)
    status_date = models.DateField(_("status date"), null=True, blank=True)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Asks of an unpublished report stay hidden from the public.")
    )
    uhri_id = models.CharField(_("OHCHR annotation id"), max_length=64, blank=True)
    uhri_published_on = models.DateField(_("published on UHRI"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-review__year", "review_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "paragraph"], condition=~Q(paragraph=""), name="recommendation_unique_paragraph"
            ),
            models.UniqueConstraint(fields=["uhri_id"], condition=~Q(uhri_id=""), name="recommendation_unique_uhri_id"),
        ]
        indexes = [
            models.Index(fields=["status"], name="rec_status_idx"),
            # A status filter in the API's cursor order (id): an index walk that stops at the page's end, and
            # the status filter within each review of a mechanism and state. Both hold without planner
            # statistics, which otherwise guessed the rows and sorted every match.
            models.Index(fields=["is_public", "status", "id"], name="rec_public_status_id_idx"),
            models.Index(fields=["review", "status"], name="rec_review_status_idx"),
            # The public list's order (newest review first, then paragraph order) as an index, so that a
            # deep page is an index walk rather than a sort of every visible recommendation.
            models.Index(fields=["is_public", "-review", "id"], name="rec_public_list_idx"),
        ]

    def __str__(self):
        head = f"{self.review.mechanism.code} {self.review.document_symbol or self.review.year or ''}".strip()
        if self.paragraph:
            head += f", para. {self.paragraph}"
        text = self.text if len(self.text) <= 80 else self.text[:79] + "…"
        return f"{head}: {text}"

    def get_absolute_url(self):
        return reverse("recommendations:detail", kwargs={"pk": self.pk})

    @property
    def is_ask(self):
        return self.review.mechanism.kind == Mechanism.Kind.PLATFORM

    def editable_by(self, user):
        return is_coordinator(user)


class StatusTallyQuerySet(models.QuerySet):
    def visible_to(self, user):
        # The tallies of Recommendation.objects.visible_to(user): members count every recommendation,
        # the public only the public ones.
        return self if is_member(user) else self.filter(is_public=True)


class StatusTally(models.Model):
    """How many recommendations of a review have a status, counted apart for public and hidden ones.

    The home page's chart sums these few thousand rows instead of grouping 200,000 recommendations on
    every request. Database triggers on the recommendation table (migration
    ``0003_status_tally``) keep the counts, in the same transaction as the write, whatever makes it:
    the assessment services, the admin, imports, ``bulk_create`` or ``QuerySet.update``. Nothing in
    Python writes this table.
    """

    # No database constraint and no cascade: the triggers write here while a review's recommendations are
    # being deleted, and a tally of a review that no longer exists is harmless (it joins to nothing).
    review = models.ForeignKey(
        Review,
        verbose_name=_("review"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,  # the unique constraint starts with the review
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    is_public = models.BooleanField(_("public"))
    recommendations = models.IntegerField(_("recommendations"), default=0)

    objects = StatusTallyQuerySet.as_manager()

    class Meta:
        verbose_name = _("status tally")
        verbose_name_plural = _("status tallies")
        constraints = [
            models.UniqueConstraint(fields=["review", "status", "is_public"], name="status_tally_unique"),
        ]

    def __str__(self):
        return f"{self.review_id} {self.status} {self.is_public}: {self.recommendations}"


class AssessmentQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(state=StatusAssessment.State.CONFIRMED)

    def proposed(self):
        return self.filter(state=StatusAssessment.State.PROPOSED)

    def latest_confirmed_first(self):
        """Confirmed assessments, the one that sets a recommendation's status first (by date, then by entry)."""
        return self.confirmed().order_by("-assessed_on", "-created_at", "-pk")

    def visible_to(self, user):
        """Confirmed assessments of visible recommendations; members also see their organisations' proposals."""
        if is_coordinator(user):
            return self
        if not is_member(user):
            return self.filter(recommendation__in=Recommendation.objects.visible_to(user)).confirmed()
        # Members see every recommendation (Recommendation.objects.visible_to): a semi-join over all of
        # them would only cost time (30 ms at 300,000 on the members' home).
        return self.filter(
            Q(state=StatusAssessment.State.CONFIRMED)
            | Q(organisation_id__in=organisation_ids(user))
            | Q(proposed_by=user)
        )


class StatusAssessment(models.Model):
    """A judgement of how far a recommendation is carried out; members propose, coordinators confirm."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), on_delete=models.CASCADE, related_name="assessments"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    assessed_on = models.DateField(_("date"))
    evidence = models.TextField(_("evidence"), blank=True)
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    source_file = models.FileField(_("source file"), upload_to="evidence/%Y/", blank=True)
    state = models.CharField(_("review state"), max_length=20, choices=State.choices, default=State.PROPOSED)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_assessments",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_assessments",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()
    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("status assessment")
        verbose_name_plural = _("status assessments")
        ordering = ["-assessed_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(status=Status.NOT_ASSESSED), name="assessment_status_is_a_judgement"),
        ]
        indexes = [
            models.Index(fields=["recommendation", "state", "assessed_on"], name="assessment_latest_idx"),
            # The review queue: the proposals oldest first, and how many wait (platform_site.members).
            models.Index(fields=["created_at", "id"], condition=Q(state="proposed"), name="assessment_proposed_idx"),
            # The API's list of confirmed assessments in its cursor order (id): an index walk, not a sort.
            models.Index(fields=["state", "id"], name="assessment_state_id_idx"),
        ]

    def __str__(self):
        return f"{self.get_status_display()} ({self.assessed_on:%Y-%m-%d}) — {self.recommendation_id}"

    def get_file_url(self):
        """The evidence file behind the assessments' visibility rule (recommendations/views.py)."""
        return reverse("recommendations:evidence", kwargs={"pk": self.recommendation_id, "id": self.pk})

    def editable_by(self, user):
        """Only a proposal can change, by its author's organisation; confirmed history stays as it was."""
        if self.state != self.State.PROPOSED:
            return False
        return is_coordinator(user) or (
            self.organisation_id in organisation_ids(user) or (self.proposed_by_id and self.proposed_by_id == user.pk)
        )
