"""Reports the platform and its partners write, who wrote them and what they asked for."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from partners.access import Workflow, is_coordinator, is_member, organisation_ids
from partners.models import Organisation
from recommendations.models import AffectedGroup, Mechanism, Recommendation, Review, Theme


class ReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Workflow.PUBLISHED)

    def visible_to(self, user):
        """The public sees published reports; members also their organisations' own; coordinators all."""
        if is_coordinator(user):
            return self
        if is_member(user):
            own = ReportAuthor.objects.filter(organisation_id__in=organisation_ids(user)).values("report_id")
            return self.filter(Q(status=Workflow.PUBLISHED) | Q(pk__in=own))
        return self.published()

    def with_authors(self, user):
        """Prefetch each report's authorships that the person may see, with their organisations."""
        authors = ReportAuthor.objects.visible_to(user).select_related("organisation")
        return self.prefetch_related(models.Prefetch("authorships", queryset=authors))


class ReportAuthorQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Authorships whose organisation the person may see: a public report does not name a hidden author."""
        return self.filter(organisation__in=Organisation.objects.visible_to(user))


class Report(models.Model):
    class Kind(models.TextChoices):
        ALTERNATIVE = "alternative", _("Alternative (shadow) report")
        UPR_SUBMISSION = "upr_submission", _("UPR submission")
        RESEARCH = "research", _("Research report")
        MONITORING = "monitoring", _("Monitoring report")
        BRIEFING = "briefing", _("Briefing")
        STATEMENT = "statement", _("Statement")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    summary = models.TextField(_("summary"), blank=True)
    method = models.TextField(_("method"), blank=True, help_text=_("How the evidence was gathered."))
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    languages = models.CharField(
        _("languages of the document"), max_length=60, blank=True, help_text=_("For example: Russian, English")
    )
    file = models.FileField(_("file"), upload_to="reports/%Y/", blank=True)
    external_url = models.URLField(_("external link"), max_length=500, blank=True)
    countries = CountryField(_("countries covered"), multiple=True, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="reports")
    affected_groups = models.ManyToManyField(
        AffectedGroup, verbose_name=_("affected groups"), blank=True, related_name="reports"
    )
    mechanism = models.ForeignKey(
        Mechanism,
        verbose_name=_("submitted to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    proposed_recommendations = models.ManyToManyField(
        Recommendation, verbose_name=_("proposed recommendations"), blank=True, related_name="reports"
    )
    status = models.CharField(_("status"), max_length=20, choices=Workflow.choices, default=Workflow.DRAFT)
    review_comment = models.TextField(
        _("reviewer's comment"),
        blank=True,
        help_text=_("Why a coordinator sent it back to draft; the members read it."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-published_on", "-pk"]
        permissions = [("publish_report", _("Can publish reports"))]
        indexes = [
            models.Index(fields=["status", "published_on"], name="report_status_date_idx"),
            models.Index(fields=["kind"], name="report_kind_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:detail", kwargs={"slug": self.slug})

    def get_file_url(self):
        """The file behind the visibility rule (reports/views.py), never the media folder."""
        return reverse("reports:file", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == Workflow.PUBLISHED

    def editable_by(self, user):
        if is_coordinator(user):
            return True
        if self.status == Workflow.PUBLISHED:
            return False
        own = organisation_ids(user)
        return bool(own) and self.authorships.filter(organisation_id__in=own).exists()


class ReportAuthor(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead author")
        CO_AUTHOR = "co_author", _("Co-author")
        CONTRIBUTOR = "contributor", _("Contributor")
        PARTNER = "partner", _("Partner")

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="authorships")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="authorships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CO_AUTHOR)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ReportAuthorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["report", "organisation"], name="report_author_unique")]

    def __str__(self):
        return f"{self.organisation.display_name} — {self.get_role_display()}"
