"""Members' digests: upcoming deadlines of what they follow, what came back to them, what waits for review.

Composed here because they gather from every app. ``send_digests`` (the management command, run daily)
calls ``digests_send``; each person gets at most one message a period (a day or an ISO week, by their
choice), in their language, and no item twice in a period: ``DigestSent`` logs each item, written in the
same transaction as the message is handed to the e-mail task (a row of the same database), so a run that
fails half-way hands on nothing and logs nothing. ``send_message`` is the one place a digest leaves; the
worker sends it.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from advocacy.models import Event
from cycle.models import CycleReview, Deadline
from jobs.tasks import email_send
from partners.access import Workflow, is_coordinator, organisation_ids
from recommendations.models import StatusAssessment
from reports.models import Report

from .models import DigestSent, ReminderPreference

HORIZON_DAYS = 30
UNSUBSCRIBE_SALT = "platform_site.digests.unsubscribe"
DIGEST_MARKER = "digest"


@dataclass
class DigestLine:
    key: str
    title: str
    url: str
    date: datetime.date | None = None
    detail: str = ""
    note: str = ""


@dataclass
class Digest:
    user: object
    period: str
    sections: list = field(default_factory=list)  # (heading, [DigestLine])

    @property
    def lines(self):
        return [line for _heading, lines in self.sections for line in lines]

    def __bool__(self):
        return bool(self.lines)


def unsubscribe_token(user) -> str:
    return signing.dumps({"user": user.pk}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_user_id(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=UNSUBSCRIBE_SALT)["user"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def period_of(frequency: str, today: datetime.date) -> str:
    if frequency == ReminderPreference.Frequency.DAILY:
        return today.isoformat()
    year, week, _weekday = today.isocalendar()
    return f"{year}-W{week:02d}"


def _absolute(path: str) -> str:
    return f"{settings.PORTAL_BASE_URL}{path}"


def _comment_key(prefix: str, pk: int, comment: str) -> str:
    # A second return with another comment is news again; the same one is not.
    digest = hashlib.sha1(comment.encode(), usedforsecurity=False).hexdigest()[:10]
    return f"{prefix}:{pk}:{digest}"


def _calendar_lines(user, preference, today):
    states = [country.code for country in preference.states]
    mechanisms = list(preference.mechanisms.all())
    if not states and not mechanisms:
        return []
    follows = Q()
    if states:
        follows &= Q(state__in=states)
    if mechanisms:
        follows &= Q(mechanism__in=mechanisms)
    until = today + datetime.timedelta(days=HORIZON_DAYS)
    lines = []
    deadlines = (
        Deadline.objects.visible_to(user)
        .filter(follows, due_on__gte=today, due_on__lte=until)
        .select_related("mechanism")
    )
    for deadline in deadlines.order_by("due_on", "pk"):
        lines.append(
            DigestLine(
                key=f"deadline:{deadline.pk}",
                title=f"{deadline.label} — {deadline.mechanism.label}, {deadline.state.name}",
                url=_absolute(deadline.get_absolute_url()),
                date=deadline.due_on,
                note=_("computed by rule") if deadline.is_computed else "",
            )
        )
    reviews = (
        CycleReview.objects.visible_to(user)
        .filter(follows, review_on__gte=today, review_on__lte=until)
        .select_related("mechanism")
    )
    for review in reviews.order_by("review_on", "pk"):
        lines.append(
            DigestLine(
                key=f"review:{review.pk}",
                title=_("%(mechanism)s reviews %(state)s")
                % {"mechanism": review.mechanism.label, "state": review.state.name},
                url=_absolute(review.get_absolute_url()),
                date=review.review_on,
            )
        )
    lines.sort(key=lambda line: line.date)
    return lines


def _returned_lines(user):
    own = organisation_ids(user)
    lines = []
    # Within what the person may see now: someone who recorded a draft and has since left its organisation
    # is not sent its title and the coordinator's comment.
    events = Event.objects.visible_to(user).filter(status=Workflow.DRAFT).exclude(review_comment="")
    events = events.filter(Q(owner_id__in=own) | Q(recorded_by=user))
    for event in events.order_by("-updated_at", "-pk"):
        lines.append(
            DigestLine(
                key=_comment_key("event-returned", event.pk, event.review_comment),
                title=event.title,
                url=_absolute(reverse("advocacy:update", kwargs={"pk": event.pk})),
                detail=event.review_comment,
            )
        )
    reports = Report.objects.visible_to(user).filter(status=Workflow.DRAFT).exclude(review_comment="")
    reports = reports.filter(Q(authorships__organisation_id__in=own) | Q(created_by=user)).distinct()
    for report in reports.order_by("-updated_at", "-pk"):
        lines.append(
            DigestLine(
                key=_comment_key("report-returned", report.pk, report.review_comment),
                title=report.title,
                url=_absolute(report.get_absolute_url()),
                detail=report.review_comment,
            )
        )
    return lines


def _queue_lines(user):
    if not is_coordinator(user):
        return []
    queue = _absolute(reverse("members:review"))
    lines = [
        DigestLine(key=f"queue-assessment:{assessment.pk}", title=str(assessment.recommendation), url=queue)
        for assessment in StatusAssessment.objects.proposed()
        .select_related("recommendation__review__mechanism")
        .order_by("created_at", "pk")
    ]
    lines += [
        DigestLine(key=f"queue-event:{event.pk}", title=event.title, url=queue)
        for event in Event.objects.filter(status=Workflow.IN_REVIEW).order_by("updated_at", "pk")
    ]
    lines += [
        DigestLine(key=f"queue-report:{report.pk}", title=report.title, url=queue)
        for report in Report.objects.filter(status=Workflow.IN_REVIEW).order_by("updated_at", "pk")
    ]
    return lines


def digest_compose(*, preference: ReminderPreference, today: datetime.date) -> Digest:
    """The person's digest for the period, without what earlier digests of the period already sent."""
    user = preference.user
    period = period_of(preference.frequency, today)
    digest = Digest(user=user, period=period)
    sent = set(DigestSent.objects.filter(user=user, period=period).values_list("item", flat=True))
    if DIGEST_MARKER in sent:
        return digest
    with translation.override(preference.language):
        sections = [
            (_("Deadlines and reviews in the next 30 days"), _calendar_lines(user, preference, today)),
            (_("Sent back to you by a coordinator"), _returned_lines(user)),
            (_("Waiting for your review"), _queue_lines(user)),
        ]
    digest.sections = [(heading, [line for line in lines if line.key not in sent]) for heading, lines in sections]
    digest.sections = [(heading, lines) for heading, lines in digest.sections if lines]
    return digest


def send_message(message: EmailMultiAlternatives) -> int:
    """The one place a digest is handed on: to the e-mail task, so the worker sends it, not this command."""
    html = next((content for content, mimetype in message.alternatives if mimetype == "text/html"), "")
    email_send.enqueue(
        to=list(message.to), subject=message.subject, body=message.body, html=html, headers=message.extra_headers
    )
    return 1


def digest_message(digest: Digest, language: str) -> EmailMultiAlternatives:
    user = digest.user
    with translation.override(language):
        unsubscribe_url = _absolute(reverse("members:unsubscribe", kwargs={"token": unsubscribe_token(user)}))
        context = {
            "digest": digest,
            "user": user,
            "site_name": settings.SITE_NAME,
            "unsubscribe_url": unsubscribe_url,
            "preferences_url": _absolute(reverse("members:reminders")),
        }
        subject = _("%(site)s: your digest (%(count)s items)") % {
            "site": settings.SITE_NAME,
            "count": len(digest.lines),
        }
        text = render_to_string("members/email/digest.txt", context)
        html = render_to_string("members/email/digest.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[user.email],
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.attach_alternative(html, "text/html")
    return message


def digests_send(*, today: datetime.date | None = None, dry_run: bool = False) -> dict:
    """Send every due digest; returns counts. One transaction per person: the log and the send go together."""
    today = today or timezone.localdate()
    counts = {"sent": 0, "empty": 0}
    preferences = (
        ReminderPreference.objects.exclude(frequency=ReminderPreference.Frequency.NEVER)
        .filter(user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .prefetch_related("mechanisms")
        .order_by("pk")
    )
    for preference in preferences:
        digest = digest_compose(preference=preference, today=today)
        if not digest:
            counts["empty"] += 1
            continue
        if dry_run:
            counts["sent"] += 1
            continue
        with transaction.atomic():
            rows = [DigestSent(user=preference.user, item=line.key, period=digest.period) for line in digest.lines]
            rows.append(DigestSent(user=preference.user, item=DIGEST_MARKER, period=digest.period))
            DigestSent.objects.bulk_create(rows, ignore_conflicts=True)
            send_message(digest_message(digest, preference.language))
        counts["sent"] += 1
    return counts
