"""The review calendar: when a mechanism reviews a state, the deadlines around it, and the follow-up.

A ``CycleReview`` is one examination of a state by a mechanism as a calendar knows it (session, dates,
the document that will record it), linked to ``recommendations.Review`` once that document exists.
A ``Deadline`` is a dated duty (NGO submission, list of issues, state report, follow-up answer, mid-term
report, the platform's own internal date). A ``FollowUp`` marks a recommendation the committee picked
for its follow-up procedure and records the committee's own grade of the state's answer, beside (never
instead of) the platform's status. UN dates move: every entry carries its source and the day a person
last checked it, and both are shown to readers.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from partners.access import is_coordinator, is_member
from recommendations.models import Mechanism, Recommendation, Review


class Publication(models.TextChoices):
    """Who may read an entry: drafts only coordinators, members-only entries every member."""

    DRAFT = "draft", _("Draft (coordinators only)")
    MEMBERS = "members", _("Members only")
    PUBLIC = "public", _("Public")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Exact day")
    MONTH = "month", _("Month only")
    YEAR = "year", _("Year only")


def _visible(queryset, user, prefix=""):
    if is_coordinator(user):
        return queryset
    allowed = [Publication.PUBLIC, Publication.MEMBERS] if is_member(user) else [Publication.PUBLIC]
    return queryset.filter(**{f"{prefix}publication__in": allowed})


class FollowUpRule(models.Model):
    """How long a mechanism gives a state to answer on its follow-up paragraphs, counted from adoption."""

    mechanism = models.OneToOneField(
        Mechanism, verbose_name=_("mechanism"), on_delete=models.CASCADE, related_name="follow_up_rule"
    )
    months = models.PositiveSmallIntegerField(
        _("months after adoption"), help_text=_("24 for CMW and CEDAW, 12 for most other treaty bodies.")
    )
    source_url = models.URLField(_("source link"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("follow-up rule")
        verbose_name_plural = _("follow-up rules")
        ordering = ["mechanism__code"]
        constraints = [models.CheckConstraint(condition=Q(months__gte=1), name="follow_up_rule_positive")]

    def __str__(self):
        return f"{self.mechanism.label}: {self.months}"


class CycleReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _visible(self, user)


class CalendarEntry(models.Model):
    """What a review and a deadline share: where the date comes from, when it was checked, who may see it."""

    state = CountryField(_("state"))
    date_precision = models.CharField(
        _("date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("“Month only” or “Year only” when the source gives no day (the date is then its first day)."),
    )
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    checked_on = models.DateField(_("checked on"), null=True, blank=True, help_text=_("When a person last checked it."))
    publication = models.CharField(
        _("publication"), max_length=10, choices=Publication.choices, default=Publication.DRAFT
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_public(self):
        return self.publication == Publication.PUBLIC

    @property
    def date_format(self):
        """The ``date`` filter's format: a month-only or year-only date is printed without its placeholder day."""
        return {DatePrecision.MONTH: "YEAR_MONTH_FORMAT", DatePrecision.YEAR: "Y"}.get(
            self.date_precision, "DATE_FORMAT"
        )

    def editable_by(self, user):
        return is_coordinator(user)


class CycleReview(CalendarEntry):
    """One review of a state by a mechanism, as the calendar knows it: past, or still to come."""

    mechanism = models.ForeignKey(
        Mechanism, verbose_name=_("mechanism"), on_delete=models.PROTECT, related_name="cycle_reviews"
    )
    session = models.CharField(_("session"), max_length=120, blank=True, help_text=_("For example: 37th session"))
    starts_on = models.DateField(_("session starts"), null=True, blank=True)
    ends_on = models.DateField(_("session ends"), null=True, blank=True)
    review_on = models.DateField(
        _("date of the review"), help_text=_("The day of the dialogue with the state (or the session's month).")
    )
    adopted_on = models.DateField(
        _("outcome adopted on"),
        null=True,
        blank=True,
        help_text=_("The day the concluding observations were adopted; follow-up dates are counted from it."),
    )
    document_symbol = models.CharField(
        _("document symbol"), max_length=120, blank=True, help_text=_("The document that records (or will record) it.")
    )
    review = models.OneToOneField(
        Review,
        verbose_name=_("recorded review"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cycle_review",
        help_text=_("The review with its recommendations, once the document exists."),
    )
    previous_review = models.ForeignKey(
        Review,
        verbose_name=_("previous review"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_cycle_reviews",
        help_text=_("Whose recommendations the state reports on at this review (the alternative report's base)."),
    )

    objects = CycleReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar review")
        verbose_name_plural = _("calendar reviews")
        ordering = ["review_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="cycle_review_session_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["publication", "review_on"], name="cycle_review_date_idx"),
            models.Index(fields=["state", "mechanism"], name="cycle_review_state_mech_idx"),
        ]

    def __str__(self):
        return f"{self.mechanism.label} — {self.state.name} — {self.review_on:%Y}"

    def get_absolute_url(self):
        return reverse("cycle:review", kwargs={"pk": self.pk})

    @property
    def date(self):
        return self.review_on

    def adoption_date(self) -> datetime.date | None:
        """What a follow-up is counted from: the adoption, else the session's last day, else the recorded review's."""
        return self.adopted_on or self.ends_on or (self.review.date if self.review_id else None)


class DeadlineQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An entry and, when it belongs to a review, that review must both be visible."""
        qs = _visible(self, user)
        if is_coordinator(user):
            return qs
        allowed = [Publication.PUBLIC, Publication.MEMBERS] if is_member(user) else [Publication.PUBLIC]
        return qs.filter(Q(cycle__isnull=True) | Q(cycle__publication__in=allowed))


class Deadline(CalendarEntry):
    class Kind(models.TextChoices):
        NGO_SUBMISSION = "ngo_submission", _("NGO submission")
        LIST_OF_ISSUES = "list_of_issues", _("List of issues (prior to reporting)")
        STATE_REPORT = "state_report", _("State report due")
        FOLLOW_UP_REPORT = "follow_up_report", _("Follow-up report due")
        MID_TERM_REPORT = "mid_term_report", _("Mid-term report")
        INTERNAL = "internal", _("Platform's internal deadline")

    mechanism = models.ForeignKey(
        Mechanism, verbose_name=_("mechanism"), on_delete=models.PROTECT, related_name="deadlines"
    )
    cycle = models.ForeignKey(
        CycleReview,
        verbose_name=_("review"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deadlines",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300, blank=True, help_text=_("Optional; the kind is shown anyway."))
    due_on = models.DateField(_("due on"))
    is_computed = models.BooleanField(
        _("computed by rule"),
        default=False,
        help_text=_("Computed from the adoption date by the mechanism's rule, not read from a source."),
    )

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["publication", "due_on"], name="deadline_date_idx"),
            models.Index(fields=["state", "mechanism"], name="deadline_state_mech_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.mechanism.label} — {self.state.name} — {self.due_on:%d.%m.%Y}"

    def get_absolute_url(self):
        if self.cycle_id:
            return reverse("cycle:review", kwargs={"pk": self.cycle_id}) + f"#deadline-{self.pk}"
        return reverse("cycle:calendar") + f"#deadline-{self.pk}"

    @property
    def date(self):
        return self.due_on

    @property
    def label(self):
        return self.title or self.get_kind_display()


class FollowUpQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(
            cycle__in=CycleReview.objects.visible_to(user),
            recommendation__in=Recommendation.objects.visible_to(user),
        )


class FollowUp(models.Model):
    """A paragraph the committee selected for follow-up, and its own assessment of the state's answer."""

    class Grade(models.TextChoices):
        A = "A", _("A — largely satisfactory")
        B = "B", _("B — partially satisfactory")
        C = "C", _("C — not satisfactory")
        D = "D", _("D — no cooperation or no report")
        E = "E", _("E — measures contrary to the recommendation")

    cycle = models.ForeignKey(
        CycleReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    grade = models.CharField(_("committee's grade"), max_length=1, choices=Grade.choices, blank=True)
    committee_assessment = models.TextField(
        _("committee's assessment"),
        blank=True,
        help_text=_("In the committee's own words where it does not grade (fully, partially, not implemented)."),
    )
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up paragraph")
        verbose_name_plural = _("follow-up paragraphs")
        ordering = ["cycle", "recommendation__paragraph", "pk"]
        constraints = [models.UniqueConstraint(fields=["cycle", "recommendation"], name="follow_up_unique")]

    def __str__(self):
        return f"{self.cycle} — {self.recommendation_id}"

    def clean(self):
        if self.cycle_id and self.recommendation_id and self.cycle.review_id != self.recommendation.review_id:
            raise ValidationError(
                {"recommendation": _("Pick a recommendation of the review this calendar entry records.")},
                code="other_review",
            )

    def editable_by(self, user):
        return is_coordinator(user)
