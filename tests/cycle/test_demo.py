"""load_demo's review calendar: the checked facts, the computed follow-up date marked, nothing invented."""

import datetime

import pytest
from django.core.management import call_command

from cycle.models import CycleReview, Deadline, FollowUp, FollowUpRule, Publication

pytestmark = pytest.mark.django_db


def test_demo_calendar_of_kyrgyzstan(client):
    call_command("load_demo", password="demo password for the tests", force=True)
    cmw_2023 = CycleReview.objects.get(mechanism__code="CMW", state="KG", review_on=datetime.date(2023, 11, 30))
    assert (cmw_2023.starts_on, cmw_2023.ends_on) == (datetime.date(2023, 11, 27), datetime.date(2023, 12, 8))
    assert cmw_2023.previous_review.mechanism.code == "CMW" and cmw_2023.previous_review.year == 2015
    assert cmw_2023.source_url and cmw_2023.checked_on and cmw_2023.publication == Publication.PUBLIC
    follow_up = cmw_2023.deadlines.get(kind=Deadline.Kind.FOLLOW_UP_REPORT)
    assert follow_up.is_computed and follow_up.due_on == datetime.date(2025, 12, 8)
    issues = cmw_2023.deadlines.get(kind=Deadline.Kind.LIST_OF_ISSUES)
    assert issues.due_on == datetime.date(2022, 5, 3) and not issues.is_computed
    assert CycleReview.objects.filter(mechanism__code="UPR", review_on=datetime.date(2025, 4, 28)).exists()
    cescr_2015 = CycleReview.objects.get(mechanism__code="CESCR", review__document_symbol="E/C.12/KGZ/CO/2-3")
    assert cescr_2015.date_precision == "year"
    assert FollowUpRule.objects.get(mechanism__code="CMW").months == 24
    # The sources checked name no follow-up paragraph and no grade: none is invented.
    assert not FollowUp.objects.exists()
    html = client.get("/en/calendar/?when=past&state=KG&mechanism=CMW").content.decode()
    assert "List of issues prior to reporting CMW/C/KGZ/QPR/2" in html and "computed by rule" in html
    page = client.get(f"/calendar/reviews/{cmw_2023.pk}/").content.decode()
    assert "37-я сессия" in page and "8 декабря 2025" in page
