"""The draft alternative report: a Word document built from the platform's record for a review.

For the recommendations the state reports on (the previous review's, else the review's own), grouped by
theme: each one's text, current status, latest confirmed assessment with its evidence, the published
advocacy actions that promoted it (with dates), the committee's follow-up due date and grade, and a
summary table of statuses. Headings use Word's own styles (Title, Heading 1–3), so a writer can move
and restructure the sections in Word or LibreOffice. Built in the request: a review has at most a few
hundred recommendations, which python-docx writes in well under a second.

Advocacy actions live a floor above; they are reached through the reverse relation
``recommendation.events`` and ``apps.get_model``, never through an import.
"""

import io
from collections import Counter, defaultdict

from django.apps import apps
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt

from partners.access import Workflow
from recommendations.models import Recommendation, Status, StatusAssessment

from .models import CycleReview, Deadline, FollowUp

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _day(value):
    return date_format(value, "DATE_FORMAT") if value else _("date unknown")


def _recommendations(cycle: CycleReview):
    review = cycle.previous_review or cycle.review
    if review is None:
        return None, []
    confirmed = StatusAssessment.objects.confirmed().select_related("organisation").order_by("-assessed_on", "-pk")
    # Published actions only: drafts and withdrawn records are not the platform's record yet.
    events = apps.get_model("advocacy", "Event").objects.filter(status=Workflow.PUBLISHED)
    prefetches = [
        "themes",
        Prefetch("assessments", queryset=confirmed, to_attr="confirmed_assessments"),
        Prefetch(
            "follow_ups",
            queryset=FollowUp.objects.select_related("cycle__mechanism").order_by("cycle__review_on"),
            to_attr="follow_up_list",
        ),
        Prefetch("events", queryset=events.order_by("starts_on", "pk"), to_attr="published_events"),
    ]
    recommendations = list(
        Recommendation.objects.filter(review=review)
        .select_related("review__mechanism")
        .prefetch_related(*prefetches)
        .order_by("id")
    )
    return review, recommendations


def _follow_up_deadlines(recommendations):
    cycle_ids = {f.cycle_id for rec in recommendations for f in rec.follow_up_list}
    deadlines = {}
    for deadline in Deadline.objects.filter(cycle_id__in=cycle_ids, kind=Deadline.Kind.FOLLOW_UP_REPORT).order_by(
        "is_computed", "due_on"
    ):
        deadlines.setdefault(deadline.cycle_id, deadline)
    return deadlines


def _recommendation_heading(rec):
    text = rec.text if len(rec.text) <= 90 else rec.text[:89] + "…"
    if rec.paragraph:
        return _("Para. %(number)s: %(text)s") % {"number": rec.paragraph, "text": text}
    return text


def _labelled(document, label, value):
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(value)
    return paragraph


def draft_report_docx(*, cycle: CycleReview, language: str) -> bytes:
    """The .docx bytes of the draft alternative report for ``cycle``, written in ``language``."""
    with translation.override(language):
        return _build(cycle)


def _build(cycle: CycleReview) -> bytes:
    review, recommendations = _recommendations(cycle)
    deadlines = _follow_up_deadlines(recommendations)
    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    title = _("Draft alternative report: %(mechanism)s review of %(state)s, %(year)s") % {
        "mechanism": cycle.mechanism.label,
        "state": cycle.state.name,
        "year": cycle.review_on.year,
    }
    document.core_properties.title = title
    document.core_properties.language = translation.get_language()
    document.add_heading(title, level=0)
    document.add_paragraph(
        _(
            "A draft generated from the platform's record on %(date)s: the status of each recommendation, the "
            "platform's latest confirmed assessment and evidence, the actions taken and the committee's follow-up. "
            "Check every fact before submission; restructure the headings freely."
        )
        % {"date": _day(timezone.localdate())}
    )

    document.add_heading(_("The review"), level=1)
    _labelled(document, _("Mechanism"), f"{cycle.mechanism.name} ({cycle.mechanism.label})")
    _labelled(document, _("State under review"), str(cycle.state.name))
    _labelled(document, _("Date of the review"), _day(cycle.review_on))
    if cycle.session:
        _labelled(document, _("Session"), cycle.session)
    if review is not None:
        _labelled(document, _("Recommendations followed up"), str(review))

    counts = Counter(rec.status for rec in recommendations)
    document.add_heading(_("Summary of statuses"), level=1)
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    header = table.rows[0].cells
    header[0].text, header[1].text = _("Status"), _("Recommendations")
    for status, label in Status.choices:
        row = table.add_row().cells
        row[0].text, row[1].text = str(label), str(counts.get(status, 0))
    row = table.add_row().cells
    row[0].text, row[1].text = _("Total"), str(len(recommendations))

    document.add_heading(_("Recommendations by theme"), level=1)
    if not recommendations:
        document.add_paragraph(_("No recommendation of the previous review is recorded in the portal."))
    by_theme = defaultdict(list)
    for rec in recommendations:
        themes = sorted(rec.themes.all(), key=lambda theme: theme.name)
        by_theme[themes[0].name if themes else ""].append(rec)
    for theme_name in sorted(by_theme, key=lambda name: (name == "", name)):
        document.add_heading(theme_name or _("Without a theme"), level=2)
        for rec in by_theme[theme_name]:
            _add_recommendation(document, rec, deadlines)

    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _add_recommendation(document, rec, deadlines):
    document.add_heading(_recommendation_heading(rec), level=3)
    document.add_paragraph(rec.text, style="Quote")
    _labelled(document, _("Current status"), rec.get_status_display())
    latest = rec.confirmed_assessments[0] if rec.confirmed_assessments else None
    if latest is None:
        _labelled(document, _("Latest confirmed assessment"), _("none yet"))
    else:
        by = f" ({latest.organisation.display_name})" if latest.organisation else ""
        _labelled(
            document, _("Latest confirmed assessment"), f"{latest.get_status_display()}, {_day(latest.assessed_on)}{by}"
        )
        if latest.evidence:
            _labelled(document, _("Evidence"), latest.evidence)
        if latest.source_url:
            _labelled(document, _("Source"), latest.source_url)
    events = rec.published_events
    _labelled(document, _("Actions taken"), "" if events else _("none recorded"))
    for event in events:
        members_only = " " + _("[members only: check before publishing]") if event.visibility != "public" else ""
        document.add_paragraph(
            f"{_day(event.starts_on)} — {event.title} ({event.get_kind_display()}){members_only}", style="List Bullet"
        )
    for follow_up in rec.follow_up_list:
        deadline = deadlines.get(follow_up.cycle_id)
        due = _day(deadline.due_on) if deadline else _("date unknown")
        if deadline is not None and deadline.is_computed:
            due += " " + _("(computed by rule)")
        grade = follow_up.get_grade_display() or follow_up.committee_assessment or _("not assessed yet")
        if follow_up.grade and follow_up.committee_assessment:
            grade += f" — {follow_up.committee_assessment}"
        _labelled(
            document,
            _("Committee follow-up"),
            _("report due %(due)s; committee's assessment: %(grade)s") % {"due": due, "grade": grade},
        )
