"""The members' area: a member's home page and the coordinators' review queue.

The home page gathers, for the person's organisations, what they recorded, what they proposed and what
became of it. The review queue lists what waits for a coordinator (proposed assessments, actions and
reports in review, organisations members added from an action form) with one-click decisions (publish, or
return to draft with a comment the members read); each decision goes through its app's service.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import DateTimeField, Q
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from advocacy.models import Event, EventParticipant
from advocacy.services import event_publish, event_return_to_draft
from partners.access import Workflow, is_coordinator, is_member, organisation_ids
from partners.models import Organisation
from partners.services import organisation_keep_members_only, organisation_publish
from recommendations.forms import AssessmentDecisionForm
from recommendations.models import StatusAssessment
from recommendations.services import assessment_confirm, assessment_reject
from reports.models import Report
from reports.services import report_publish, report_return_to_draft

RECENT = 10
# A coordinator decides item by item: ten of each kind a page (twenty cost 70 ms of rendering at 53,000 waiting).
QUEUE_PAGE_SIZE = 10


def proposals_to_count():
    """The proposed assessments, to count them through their partial index (``assessment_proposed_idx``) alone.

    On PostgreSQL the range on ``created_at``, from -infinity to infinity, holds every proposal; it is there for
    the planner. Without statistics (a fresh bulk load) PostgreSQL guessed a few hundred proposals and, not
    knowing that the table's pages are all visible, counted them by visiting every assessment's page: 20 ms at
    53,000 proposals, on every page a coordinator opens. With the range as the index's condition, the count is
    a walk of that index (3-5 ms), as it is with statistics. Only for counting: the range makes the planner
    guess two rows, and a page of the queue planned on that guess joined every proposal before sorting them.
    """
    proposals = StatusAssessment.objects.proposed().order_by()
    if connection.vendor != "postgresql":
        return proposals
    moment = DateTimeField()
    return proposals.filter(
        created_at__range=(
            RawSQL("'-infinity'::timestamptz", (), moment),
            RawSQL("'infinity'::timestamptz", (), moment),
        )
    )


def review_queue_count() -> int:
    """Everything waiting for a coordinator, in one COUNT query (the header shows it on every page)."""
    assessments = proposals_to_count().values_list("pk")
    events = Event.objects.filter(status=Workflow.IN_REVIEW).order_by().values_list("pk")
    reports = Report.objects.filter(status=Workflow.IN_REVIEW).order_by().values_list("pk")
    organisations = Organisation.objects.needing_review().order_by().values_list("pk")
    return assessments.union(events, reports, organisations, all=True).count()


def with_actions(organisations: list) -> list:
    """Give each organisation members added ``actions``: the actions naming it, in date order.

    An action names a new organisation as organiser, participant or addressed body; the queue shows it there,
    whatever the action's own state (a draft's organisation waits as well). Four queries for the whole page.
    """
    links = {organisation.pk: set() for organisation in organisations}
    through_tables = (
        (Event.organisers.through.objects, "organisation_id"),
        (Event.addressed_bodies.through.objects, "organisation_id"),
        (EventParticipant.objects, "organisation_id"),
    )
    for rows, column in through_tables:
        for organisation_id, event_id in rows.filter(**{f"{column}__in": links}).values_list(column, "event_id"):
            links[organisation_id].add(event_id)
    wanted = {event_id for ids in links.values() for event_id in ids}
    events = Event.objects.only("title", "status", "starts_on").in_bulk(wanted) if wanted else {}
    for organisation in organisations:
        organisation.actions = sorted(
            (events[event_id] for event_id in links[organisation.pk]), key=lambda event: (event.starts_on, event.pk)
        )
    return organisations


def queue_page(request, queryset, param: str, count=None):
    """One page of a section of the review queue, paged by its own parameter (``?assessments=2``).

    The queue can hold tens of thousands of proposals after an import; a coordinator works through them
    oldest first, a page at a time. Paging one section keeps the others where they were. The page carries
    its section's total (one COUNT, of ``count`` when given) and the links to the pages beside it.
    """
    paginator = Paginator(queryset, QUEUE_PAGE_SIZE)
    if count is not None:
        paginator.count = count.count()
    page = paginator.get_page(request.GET.get(param))
    page.object_list = list(page.object_list)
    query = request.GET.copy()

    def url(number):
        query[param] = number
        return f"?{query.urlencode()}#queue-{param}"

    page.previous_url = url(page.previous_page_number()) if page.has_previous() else ""
    page.next_url = url(page.next_page_number()) if page.has_next() else ""
    return page


@login_required
def home(request):
    user = request.user
    if not is_member(user):
        raise PermissionDenied
    own = organisation_ids(user)
    events = Event.objects.visible_to(user).filter(owner_id__in=own).select_related("owner")
    # The latest keys first, then those rows with what they show: joining the related rows of all of an
    # organisation's assessments (1,300 at 300,000 recommendations) before sorting cost 35 ms.
    latest = list(
        StatusAssessment.objects.visible_to(user)
        .filter(Q(proposed_by=user) | Q(organisation_id__in=own))
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)[:RECENT]
    )
    assessments = (
        StatusAssessment.objects.filter(pk__in=latest)
        .select_related("recommendation__review__mechanism", "reviewed_by", "organisation")
        .order_by("-created_at", "-pk")
    )
    reports = Report.objects.visible_to(user).filter(authorships__organisation_id__in=own).distinct()
    context = {
        "organisations": Organisation.objects.filter(pk__in=own),
        "recent_events": events.exclude(status=Workflow.DRAFT).order_by("-updated_at", "-pk")[:RECENT],
        "draft_events": events.filter(status=Workflow.DRAFT).order_by("-updated_at", "-pk"),
        "draft_reports": reports.filter(status=Workflow.DRAFT).order_by("-updated_at", "-pk"),
        # A coordinator's queue count is the header's (context processor ``review_queue_count``): one query.
        "assessments": assessments,
    }
    return render(request, "members/home.html", context)


def _coordinator_only(request):
    if not is_coordinator(request.user):
        raise PermissionDenied


@login_required
def review(request):
    _coordinator_only(request)
    assessments = StatusAssessment.objects.proposed().select_related(
        "recommendation__review__mechanism", "organisation", "proposed_by"
    )
    events = Event.objects.filter(status=Workflow.IN_REVIEW).select_related("owner")
    organisations = Organisation.objects.needing_review().select_related("proposed_by")
    context = {
        "assessments": queue_page(
            request, assessments.order_by("created_at", "pk"), "assessments", count=proposals_to_count()
        ),
        "events": queue_page(request, events.order_by("updated_at", "pk"), "events"),
        "reports": queue_page(
            request, Report.objects.filter(status=Workflow.IN_REVIEW).order_by("updated_at", "pk"), "reports"
        ),
        "organisations": queue_page(request, organisations.order_by("created_at", "pk"), "organisations"),
        "decision_form": AssessmentDecisionForm(),
    }
    with_actions(context["organisations"].object_list)
    # The header's count is the sum of the sections' (overriding the context processor's): counting 53,000
    # proposals twice cost 20 ms.
    sections = ("assessments", "events", "reports", "organisations")
    context["review_queue_count"] = sum(context[name].paginator.count for name in sections)
    return render(request, "members/review.html", context)


def _back_to_queue(request):
    return redirect(reverse("members:review"))


@require_POST
@login_required
def assessment_decide(request, pk):
    _coordinator_only(request)
    assessment = get_object_or_404(StatusAssessment.objects.all(), pk=pk)
    form = AssessmentDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back_to_queue(request)
    decide = assessment_confirm if form.cleaned_data["decision"] == "confirm" else assessment_reject
    try:
        decide(assessment=assessment, user=request.user, comment=form.cleaned_data["comment"].strip())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if form.cleaned_data["decision"] == "confirm":
            messages.success(request, _("Assessment confirmed: the recommendation's status is updated."))
        else:
            messages.success(request, _("Assessment rejected; the member will see your comment."))
    return _back_to_queue(request)


class ReturnCommentForm(forms.Form):
    """The comment a coordinator writes when returning a record to draft (the service says when it is missing).

    Read through a form, not ``request.POST`` by hand, so that what the database cannot hold (a NUL
    character) is refused with the field's message before it reaches the service.
    """

    comment = forms.CharField(label=_lazy("Comment"), required=False)


def _return_comment(request):
    """The cleaned comment, or None after adding the form's errors as messages."""
    form = ReturnCommentForm(request.POST)
    if form.is_valid():
        return form.cleaned_data["comment"]
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
    return None


def _decide(request, action, done_message: str):
    """Run one coordinator's decision; its refusal (a ValidationError) becomes a message, not an error page."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done_message)
    return _back_to_queue(request)


def _decision_view(model, decide, done_message, *, needs_comment=False):
    """A coordinator's one-click decision on a record in the queue: POST only, coordinators only.

    ``decide(obj, user, comment)`` calls the app's service; ``done_message(obj)`` says what happened. A return
    to draft needs a comment the members will read.
    """

    @require_POST
    @login_required
    def view(request, pk):
        _coordinator_only(request)
        obj = get_object_or_404(model.objects.all(), pk=pk)
        comment = None
        if needs_comment:
            comment = _return_comment(request)
            if comment is None:
                return _back_to_queue(request)
        return _decide(request, lambda: decide(obj, request.user, comment), done_message(obj))

    return view


event_publish_view = _decision_view(
    Event,
    lambda event, user, _comment: event_publish(event=event, user=user),
    lambda event: _("Action published: %(title)s") % {"title": event.title},
)
event_return_view = _decision_view(
    Event,
    lambda event, user, comment: event_return_to_draft(event=event, user=user, comment=comment),
    lambda event: (
        _("Action returned to draft; its organisation will see your comment: %(title)s") % {"title": event.title}
    ),
    needs_comment=True,
)
report_publish_view = _decision_view(
    Report,
    lambda report, user, _comment: report_publish(report=report, user=user),
    lambda report: _("Report published: %(title)s") % {"title": report.title},
)
report_return_view = _decision_view(
    Report,
    lambda report, user, comment: report_return_to_draft(report=report, user=user, comment=comment),
    lambda report: (
        _("Report returned to draft; its authors will see your comment: %(title)s") % {"title": report.title}
    ),
    needs_comment=True,
)
organisation_publish_view = _decision_view(
    Organisation,
    lambda organisation, user, _comment: organisation_publish(organisation=organisation, user=user),
    lambda organisation: _("Organisation published: %(name)s") % {"name": organisation.name},
)
organisation_keep_view = _decision_view(
    Organisation,
    lambda organisation, user, _comment: organisation_keep_members_only(organisation=organisation, user=user),
    lambda organisation: _("Organisation kept for members only: %(name)s") % {"name": organisation.name},
)
