"""Public pages of recommendations: the filtered list, the dossier of one recommendation, evidence files."""

import datetime
import unicodedata
from html import escape

from django.apps import apps
from django.conf import settings
from django.db.models import Exists, OuterRef, Value
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView
from django_countries import countries
from modeltranslation.utils import build_localized_fieldname

from partners.content_cache import cached_per_content_version
from partners.csv_export import csv_response
from partners.files import serve_stored_file
from partners.models import Organisation
from partners.translated import content_languages

from .csv_rows import RECOMMENDATION_CSV_HEADER, recommendation_csv_rows
from .filters import RecommendationFilter
from .models import Mechanism, Recommendation, Status, StatusAssessment
from .pagination import LargeListPaginator

# How long a list's count is kept for its query string (visitors may invent any number of them).
COUNT_SECONDS = 10 * 60
# The list's order, served by the index rec_public_list_idx: newest review first, then paragraph order.
LIST_ORDER = ("-review_id", "id")


class ListRow(dict):
    """A recommendation as the list shows it: plain values and labels resolved once, read by the template as
    keys (the cheapest lookup it makes); ``row.pk`` as on a model instance."""

    @property
    def pk(self):
        return self["pk"]


LIST_ROW_FIELDS = (
    "pk",
    "paragraph",
    "status",
    "upr_response",
    "review__mechanism_id",
    "review__state",
    "review__year",
    "review__document_symbol",
)


class RecommendationListView(ListView):
    paginate_by = 25
    paginator_class = LargeListPaginator
    template_name = "recommendations/recommendation_list.html"

    def get_queryset(self):
        self.filterset = RecommendationFilter(self.request.GET or None, request=self.request)
        return self.filterset.qs.order_by(*LIST_ORDER)

    def get_paginator(self, queryset, per_page, **kwargs):
        return super().get_paginator(
            queryset,
            per_page,
            load_rows=self.list_rows,
            # One count per query string a visitor may invent: kept beside the pages (settings.CACHES), not
            # in the default cache.
            remember=lambda name, compute: cached_per_content_version(
                self.request, name, compute, cache_alias="pages", timeout=COUNT_SECONDS
            ),
            **kwargs,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["is_filtered"] = self.filterset.is_filtered
        return context

    def list_rows(self, keys) -> list[ListRow]:
        """The page's rows from ``values()`` (no model instances), in the order of ``keys``, with their labels.

        What every row would look up again in the template (the mechanism, the state's name in the
        visitor's language, the status's word, the address) is resolved here once per page.
        """
        mechanisms = cached_per_content_version(self.request, "mechanism-labels", _mechanism_labels)
        statuses = {value: str(label) for value, label in Status.choices}
        responses = {value: str(label) for value, label in Recommendation.UprResponse.choices}
        state_names = {}
        paragraph_label = gettext("para. %(number)s")
        # The text in the page's language, else the next of its chain (ky → ru → en), and which one it was, so
        # that the row can say "shown in Russian" as the dossier does.
        page_language = translation.get_language() or settings.LANGUAGE_CODE
        text_fields = [(build_localized_fieldname("text", lang), lang) for lang in content_languages(page_language)]
        by_key = {
            row["pk"]: row
            for row in Recommendation.objects.filter(pk__in=keys)
            .order_by()
            .values(*LIST_ROW_FIELDS, *(field for field, _language in text_fields))
        }
        # One reverse() for the page: the same pattern with each row's id (25 reverse() calls were a tenth of it).
        url_pattern = reverse("recommendations:detail", kwargs={"pk": 0}).replace("/0/", "/{}/")
        rows = []
        for key in keys:
            values = by_key.get(key)
            if values is None:
                continue
            state = values["review__state"]
            if state and state not in state_names:
                state_names[state] = str(countries.name(state) or state)
            is_platform, code, name = mechanisms.get(values["review__mechanism_id"], (False, "", ""))
            text, text_language = next(((values[f], lang) for f, lang in text_fields if values[f]), ("", page_language))
            paragraph = paragraph_label % {"number": values["paragraph"]} if values["paragraph"] else ""
            status, response = values["status"], values["upr_response"]
            meta = (
                escape(name) if is_platform else _symbol(code),
                escape(state_names.get(state, "")),
                str(values["review__year"] or ""),
                _symbol(values["review__document_symbol"]) if values["review__document_symbol"] else "",
                escape(paragraph),
            )
            badges = _badge(status or "none", statuses.get(status, status))
            if response:
                badges += " " + _badge(response, responses.get(response, response))
            rows.append(
                ListRow(
                    pk=key,
                    url=url_pattern.format(key),
                    meta=mark_safe(" · ".join(part for part in meta if part)),  # noqa: S308 - every part escaped
                    text=_shortened(text),
                    text_language="" if text_language == page_language else text_language,
                    badges=mark_safe(badges),  # noqa: S308 - escaped by _badge
                )
            )
        return rows


# A row's meta line (mechanism · state · year · symbol · paragraph) and badges are put together here, as
# _recommendation_item.html writes them, with the standard library's escape(): in the template they were a
# third of the page's rendering (ten conditions and a dozen lookups for each of 25 rows), and Django's
# format_html() per part, with its check for lazy strings, cost nearly as much.
def _symbol(text) -> str:
    return f'<span class="symbol">{escape(text)}</span>'


def _badge(value, label) -> str:
    return f'<span class="badge badge--{escape(value)}">{escape(str(label))}</span>'


LIST_TEXT_CHARS = 260


def _shortened(text: str) -> str:
    """``text|truncatechars:260``, without walking every character of the texts that are short enough."""
    text = unicodedata.normalize("NFC", text or "")
    return text if len(text) <= LIST_TEXT_CHARS else Truncator(text).chars(LIST_TEXT_CHARS)


def _mechanism_labels() -> dict:
    """Each mechanism's (is the platform, code, name in the current language), by id."""
    return {
        mechanism.pk: (mechanism.kind == Mechanism.Kind.PLATFORM, mechanism.code, mechanism.name)
        for mechanism in Mechanism.objects.all()
    }


def review_date(review):
    """The day a review's outcome was adopted; its year's first day where only the year is known."""
    if review.date:
        return review.date
    return datetime.date(review.year, 1, 1) if review.year else None


class TimelineEntry:
    """One dated thing in a recommendation's story: a report, an ask, the review, an action, an assessment."""

    def __init__(self, *, date, kind, label, obj=None, url="", detail="", year_only=False):
        self.date = date
        self.year_only = year_only
        self.kind = kind
        self.label = label
        self.object = obj
        self.url = url
        self.detail = detail

    @property
    def sort_key(self):
        # Undated entries go last; on one day, the order of the story (reports before reviews before actions).
        return (self.date is None, self.date or datetime.date.max)


class RecommendationDetailView(DetailView):
    template_name = "recommendations/recommendation_detail.html"

    def get_queryset(self):
        return Recommendation.objects.visible_to(self.request.user).select_related("review__mechanism")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        recommendation = self.object
        user = self.request.user
        visible = Recommendation.objects.visible_to(user).select_related("review__mechanism")
        # Reports and events are reached through their reverse relations (the apps above own them); their
        # own visible_to rules decide what this visitor sees.
        report_ids, event_ids = self.linked_ids(recommendation)
        reports = list(
            recommendation.reports.model.objects.visible_to(user)
            .filter(pk__in=report_ids)
            .order_by("-published_on", "-pk")
        )
        asks = list(visible.filter(reflected_in=recommendation).order_by(*LIST_ORDER))
        taken_up_by = list(visible.filter(reflects=recommendation).order_by(*LIST_ORDER))
        events = list(
            recommendation.events.model.objects.visible_to(user).filter(pk__in=event_ids).order_by("starts_on", "pk")
        )
        assessments = list(
            StatusAssessment.objects.visible_to(user)
            .confirmed()
            .filter(recommendation=recommendation)
            .select_related("organisation")
            .annotate(
                organisation_shown=Exists(Organisation.objects.visible_to(user).filter(pk=OuterRef("organisation_id")))
            )
            .order_by("assessed_on", "pk")
        )
        follow_ups = self.follow_ups(recommendation, user)
        themes = list(recommendation.themes.all())
        groups = list(recommendation.affected_groups.all())
        bodies = list(recommendation.addressed_bodies.visible_to(user))
        sdg_targets = list(recommendation.sdg_targets.all())

        review = recommendation.review
        timeline = [
            TimelineEntry(
                date=report.published_on,
                kind=_("Report"),
                label=report.title,
                obj=report,
                url=report.get_absolute_url(),
            )
            for report in reports
        ]
        timeline += [
            TimelineEntry(
                date=review_date(ask.review),
                year_only=not ask.review.date,
                kind=_("Platform ask"),
                label=str(ask),
                obj=ask,
                url=ask.get_absolute_url(),
            )
            for ask in asks
        ]
        timeline.append(
            TimelineEntry(
                date=review_date(review),
                year_only=not review.date,
                kind=_("This recommendation"),
                label=str(review),
                obj=review,
                url=review.url,
            )
        )
        timeline += [
            TimelineEntry(
                date=review_date(other.review),
                year_only=not other.review.date,
                kind=_("Taken up in"),
                label=str(other),
                obj=other,
                url=other.get_absolute_url(),
            )
            for other in taken_up_by
        ]
        timeline += [
            TimelineEntry(
                date=event.starts_on,
                kind=event.get_kind_display(),
                label=event.title,
                obj=event,
                url=event.get_absolute_url(),
            )
            for event in events
        ]
        timeline += [
            TimelineEntry(
                date=assessment.assessed_on,
                kind=_("Status assessment"),
                label=assessment.get_status_display(),
                obj=assessment,
                url=assessment.source_url,
                detail=assessment.evidence,
            )
            for assessment in assessments
        ]
        for follow_up in follow_ups:
            if follow_up.due_deadline is not None:
                deadline = follow_up.due_deadline
                timeline.append(
                    TimelineEntry(
                        date=deadline.due_on,
                        kind=_("Follow-up report due"),
                        label=str(follow_up.cycle),
                        obj=deadline,
                        url=follow_up.cycle.get_absolute_url(),
                        detail=_("Computed by the committee's rule, not read from a source.")
                        if deadline.is_computed
                        else "",
                    )
                )
            if follow_up.grade or follow_up.committee_assessment:
                timeline.append(
                    TimelineEntry(
                        date=follow_up.assessed_on,
                        kind=_("Committee's follow-up assessment"),
                        label=follow_up.get_grade_display() or follow_up.committee_assessment,
                        obj=follow_up,
                        url=follow_up.source_url,
                        detail=follow_up.committee_assessment if follow_up.grade else "",
                    )
                )
        timeline.sort(key=lambda entry: entry.sort_key)

        context.update(
            review=review,
            reports=reports,
            asks=asks,
            taken_up_by=taken_up_by,
            events=events,
            assessments=assessments,
            themes=themes,
            groups=groups,
            bodies=bodies,
            sdg_targets=sdg_targets,
            timeline=timeline,
            follow_ups=follow_ups,
        )
        return context

    @staticmethod
    def linked_ids(recommendation):
        """Ids of the reports that proposed the recommendation and of the actions that promoted it, in one query.

        Joined in one statement with the reports' or actions' visibility, a planner without statistics (a
        fresh bulk load) walked every published report and action in date order and probed the link table
        for each: 9 and 20 ms at 300,000 recommendations. Read from the link tables' indexes first, the
        rows are then fetched by primary key.
        """
        reports = recommendation.reports.through.objects.filter(recommendation_id=recommendation.pk)
        events = recommendation.events.through.objects.filter(recommendation_id=recommendation.pk)
        rows = (
            reports.annotate(kind=Value("report"))
            .values_list("kind", "report_id")
            .union(events.annotate(kind=Value("event")).values_list("kind", "event_id"), all=True)
        )
        ids = {"report": [], "event": []}
        for kind, pk in rows:
            ids[kind].append(pk)
        return ids["report"], ids["event"]

    @staticmethod
    def follow_ups(recommendation, user):
        """The committee's follow-up of this paragraph, kept by the review calendar (``cycle``, a floor above).

        Reached through the reverse relation and the deadlines' kind as a string, never an import; each
        follow-up carries its due deadline (the entered one first, else the one computed by rule).
        """
        follow_ups = list(
            recommendation.follow_ups.visible_to(user).select_related("cycle__mechanism").order_by("cycle__review_on")
        )
        if not follow_ups:
            return []
        deadlines = {}
        due = apps.get_model("cycle", "Deadline").objects.visible_to(user)
        for deadline in due.filter(cycle__in=[f.cycle_id for f in follow_ups], kind="follow_up_report").order_by(
            "is_computed", "due_on"
        ):
            deadlines.setdefault(deadline.cycle_id, deadline)
        for follow_up in follow_ups:
            follow_up.due_deadline = deadlines.get(follow_up.cycle_id)
        return follow_ups


def assessment_evidence(request, pk, id):
    """An assessment's evidence file, to those who may see the assessment (a proposal's only to its people)."""
    assessment = get_object_or_404(StatusAssessment.objects.visible_to(request.user), recommendation_id=pk, pk=id)
    return serve_stored_file(assessment.source_file)


# --- CSV of the list (issue 12) ---
def recommendation_list_csv(request):
    """``/recommendations/export.csv?<the list's filters>``: the list as the person sees it, streamed."""
    filterset = RecommendationFilter(request.GET or None, request=request)
    rows = recommendation_csv_rows(
        filterset.qs.order_by(*LIST_ORDER),
        user=request.user,
        language=translation.get_language(),
        base_url=request.build_absolute_uri("/"),
    )
    return csv_response(
        RECOMMENDATION_CSV_HEADER, rows, filename=f"recommendations-{timezone.localdate():%Y-%m-%d}.csv"
    )
