"""Reminders and digests: the preferences page, what a digest holds, no double sending, the unsubscribe link."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command

from cycle.models import Publication
from partners.access import Workflow
from platform_site.digests import unsubscribe_token
from platform_site.models import DigestSent, ReminderPreference
from tests.advocacy.factories import EventFactory
from tests.cycle.factories import CycleReviewFactory, DeadlineFactory
from tests.recommendations.factories import AssessmentFactory, MechanismFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 30)
DAY = datetime.timedelta(days=1)


def follow(user, *, states=("KG",), mechanisms=(), frequency="daily", language="en"):
    user.email = f"{user.username}@example.org"
    user.save()
    preference = ReminderPreference.objects.create(
        user=user, states=list(states), frequency=frequency, language=language
    )
    preference.mechanisms.set(mechanisms)
    return preference


@pytest.fixture
def calendar():
    cmw = MechanismFactory(code="CMW")
    return {
        "next": DeadlineFactory(mechanism=cmw, title="KG NGO deadline", due_on=MONDAY + 12 * DAY),
        "members": DeadlineFactory(
            mechanism=cmw, title="Members-only deadline", due_on=MONDAY + 5 * DAY,
            publication=Publication.MEMBERS,
        ),
        "draft": DeadlineFactory(
            mechanism=cmw, title="Draft deadline", due_on=MONDAY + 5 * DAY,
            publication=Publication.DRAFT,
        ),
        "far": DeadlineFactory(mechanism=cmw, title="Far deadline", due_on=MONDAY + 45 * DAY),
        "kz": DeadlineFactory(mechanism=cmw, state="KZ", title="KZ deadline", due_on=MONDAY + 3 * DAY),
        "review": CycleReviewFactory(mechanism=cmw, review_on=MONDAY + 20 * DAY),
    }  # fmt: skip


def send(day=MONDAY):
    call_command("send_digests", date=day.isoformat())


def test_member_digest_lists_next_deadline_and_returned_action(calendar, member, organisation, other_organisation):
    follow(member)
    EventFactory(title="Returned action", owner=organisation, status=Workflow.DRAFT, review_comment="Add the date.")
    EventFactory(title="Other org's action", owner=other_organisation, status=Workflow.DRAFT, review_comment="No.")
    ReportFactory(title="Queued report", status=Workflow.IN_REVIEW)
    send()
    (message,) = mail.outbox
    assert message.to == ["member@example.org"]
    body = message.body
    assert "KG NGO deadline" in body and "Members-only deadline" in body and "CMW reviews Kyrgyzstan" in body
    for absent in ("Draft deadline", "Far deadline", "KZ deadline", "Other org's action", "Queued report"):
        assert absent not in body, absent
    assert "Returned action" in body and "Add the date." in body
    html = message.alternatives[0][0]
    assert "KG NGO deadline" in html and "Add the date." in html
    assert body.index("Members-only deadline") < body.index("KG NGO deadline")  # soonest first


def test_coordinator_digest_lists_the_review_queue(coordinator):
    follow(coordinator, states=())
    AssessmentFactory(evidence="proposal")
    EventFactory(title="Action in review", status=Workflow.IN_REVIEW)
    ReportFactory(title="Report in review", status=Workflow.IN_REVIEW)
    send()
    (message,) = mail.outbox
    assert "Action in review" in message.body and "Report in review" in message.body
    assert "Waiting for your review" in message.body


def test_digest_in_the_persons_language(calendar, member):
    follow(member, language="ru")
    send()
    assert "Сроки и обзоры" in mail.outbox[0].body and "Здравствуйте" in mail.outbox[0].body


def test_nothing_is_sent_twice_in_a_period(calendar, member, other_member):
    follow(member, frequency="daily")
    follow(other_member, frequency="weekly")
    send()
    send()
    assert sorted(m.to[0] for m in mail.outbox) == ["member@example.org", "other_member@example.org"]
    send(MONDAY + 1 * DAY)  # a new day for the daily reader, the same week for the weekly one
    assert [m.to[0] for m in mail.outbox[2:]] == ["member@example.org"]
    assert DigestSent.objects.filter(user=member, item=f"deadline:{calendar['next'].pk}").count() == 2
    send(MONDAY + 7 * DAY)  # next week
    assert "other_member@example.org" in [m.to[0] for m in mail.outbox[3:]]


def test_a_returned_action_is_not_repeated_in_the_period_but_a_new_comment_is_news(member, organisation):
    follow(member, states=(), frequency="weekly")
    event = EventFactory(title="Returned action", owner=organisation, status=Workflow.DRAFT, review_comment="First.")
    send()
    DigestSent.objects.filter(item="digest").delete()  # as if the week's message had not gone out yet
    send(MONDAY + 1 * DAY)
    assert len(mail.outbox) == 1  # the only item was already sent this week
    event.review_comment = "Second."
    event.save()
    send(MONDAY + 2 * DAY)
    assert len(mail.outbox) == 2 and "Second." in mail.outbox[1].body


@pytest.mark.parametrize("change", ["removed", "moved"])
def test_a_former_member_is_not_sent_drafts_they_may_no_longer_see(member, organisation, other_organisation, change):
    from partners.models import Membership
    from partners.services import membership_remove, membership_set

    follow(member)
    EventFactory(
        title="Draft of Bir Duino", owner=organisation, status=Workflow.DRAFT,
        review_comment="Remove the names.", recorded_by=member,
    )  # fmt: skip
    report = ReportFactory(title="Draft report of Bir Duino", status=Workflow.DRAFT, review_comment="Cite sources.")
    report.authorships.create(organisation=organisation)
    report.created_by = member
    report.save()
    old = Membership.objects.get(user=member)
    if change == "moved":
        membership_set(user=member, organisation=other_organisation)
    membership_remove(membership=old)
    send()
    sent = " ".join(message.body + str(message.alternatives) for message in mail.outbox)
    assert "Bir Duino" not in sent and "Remove the names." not in sent and "Cite sources." not in sent


def test_never_and_no_news_send_nothing(calendar, member, other_member):
    follow(member, frequency="never")
    follow(other_member, states=("UZ",))
    send()
    assert mail.outbox == []


def test_unsubscribe_link_works_without_logging_in(calendar, member, client):
    follow(member)
    send()
    message = mail.outbox[0]
    url = re.search(r"http://testserver(/\S+/unsubscribe/\S+/)", message.body.replace("127.0.0.1:8000", "testserver"))
    assert url and message.extra_headers["List-Unsubscribe"].endswith(f"{url.group(1)}>")
    path = url.group(1)
    response = client.get(path)
    assert response.status_code == 200 and b"<form" in response.content
    assert ReminderPreference.objects.get(user=member).frequency == "daily"  # a GET changes nothing
    assert client.post(path).status_code == 200
    assert ReminderPreference.objects.get(user=member).frequency == "never"
    assert client.get("/en/members/reminders/unsubscribe/forged-token/").status_code == 404
    tampered = unsubscribe_token(member)[:-2] + "xx"
    assert client.post(f"/en/members/reminders/unsubscribe/{tampered}/").status_code == 404


def test_reminders_page_by_role(people, client_for):
    url = "/en/members/reminders/"
    assert client_for(None).get(url).status_code == 302
    for who in ("other_member", "member", "coordinator"):
        client = client_for(people[who])
        assert client.get(url).status_code == 200
    from tests.partners.factories import UserFactory

    outsider = UserFactory(username="outsider")
    assert client_for(outsider).get(url).status_code == 403


def test_reminders_do_not_offer_a_state_only_a_draft_names(member, client_for):
    # A draft review of Tajikistan is for coordinators only; a member's list of states must not reveal it.
    CycleReviewFactory(state="TJ", publication=Publication.DRAFT)
    DeadlineFactory(state="TM", publication=Publication.DRAFT)
    CycleReviewFactory(state="KZ", publication=Publication.MEMBERS)
    form = client_for(member).get("/en/members/reminders/").context["form"]
    codes = {code for code, _name in form.fields["states"].choices}
    assert "KZ" in codes and "TJ" not in codes and "TM" not in codes


def test_member_saves_reminders(member, client_for):
    cmw = MechanismFactory(code="CMW")
    CycleReviewFactory(state="KZ", mechanism=cmw)
    client = client_for(member)
    response = client.post(
        "/en/members/reminders/", {"states": ["KZ"], "mechanisms": [cmw.pk], "frequency": "weekly", "language": "en"}
    )
    assert response.status_code == 302
    preference = ReminderPreference.objects.get(user=member)
    assert [c.code for c in preference.states] == ["KZ"] and list(preference.mechanisms.all()) == [cmw]
    response = client.post("/en/members/reminders/", {"frequency": "hourly", "language": "en"})
    assert response.status_code == 200 and b"field--error" in response.content
    assert ReminderPreference.objects.get(user=member).frequency == "weekly"


def test_file_backend_writes_messages_where_email_file_path_says(calendar, member, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    follow(member)
    send()
    (written,) = list((tmp_path / "mail").iterdir())
    assert "KG NGO deadline" in written.read_text()
