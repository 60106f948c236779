"""generate_dataset: counts in proportion, repeatable with a seed, statuses consistent with the assessments."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from advocacy.models import Event, EventParticipant
from partners.models import Organisation
from recommendations.models import (
    AffectedGroup,
    Recommendation,
    Review,
    SdgTarget,
    Status,
    StatusAssessment,
    Theme,
)
from recommendations.services import recommendation_refresh_status
from reports.models import Report, ReportAuthor

pytestmark = pytest.mark.django_db

N = 2000


def generate(seed=3, n=N):
    call_command("generate_dataset", recommendations=n, seed=seed, batch_size=500)


def flush_generated():
    Event.objects.all().delete()
    Report.objects.all().delete()
    StatusAssessment.objects.all().delete()
    Recommendation.objects.all().delete()
    Review.objects.all().delete()
    Organisation.objects.all().delete()


def snapshot():
    """The generated content, without database ids."""
    recs = Recommendation.objects.order_by(
        "review__document_symbol", "review__year", "review__state", "paragraph", "pk"
    )
    return {
        "recommendations": list(
            recs.values_list("review__mechanism__code", "paragraph", "text_en", "text_ru", "status", "status_date")
        ),
        "themes": list(recs.annotate(n=Count("themes")).values_list("n", flat=True)),
        "assessments": list(
            StatusAssessment.objects.order_by("recommendation__text_en", "assessed_on", "pk").values_list(
                "status", "assessed_on", "state"
            )
        ),
        "reports": list(Report.objects.order_by("slug").values_list("slug", "title_en", "status")),
        "events": list(Event.objects.order_by("starts_on", "title_en", "pk").values_list("title_en", "starts_on")),
        "organisations": list(Organisation.objects.order_by("slug").values_list("slug", "name_ru", "kind")),
    }


def test_counts_in_proportion():
    generate()
    assert Recommendation.objects.count() == N
    assert Review.objects.count() == N // 40
    assert Organisation.objects.count() == 4  # N/500, state bodies included
    assert Organisation.objects.state_bodies().exists()
    assert Report.objects.count() == N // 200
    assert Event.objects.count() == N // 100
    assert Theme.objects.count() >= 60 and AffectedGroup.objects.count() >= 25 and SdgTarget.objects.count() >= 40
    assessments = StatusAssessment.objects.count()
    assert 1.2 * N < assessments < 1.8 * N
    assert Recommendation.themes.through.objects.count() >= N
    assert Recommendation.objects.asks().filter(reflected_in__isnull=False).exists()
    assert ReportAuthor.objects.count() >= Report.objects.count()
    assert Report.proposed_recommendations.through.objects.exists()
    assert EventParticipant.objects.count() >= Event.objects.count()
    assert Event.recommendations_promoted.through.objects.count() >= Event.objects.count()
    # Translated fields are filled in both languages.
    assert (
        not Recommendation.objects.filter(text_ru="").exists()
        and not Recommendation.objects.filter(text_en="").exists()
    )
    assert not Report.objects.filter(title_ru="").exists() and not Event.objects.filter(title_en="").exists()
    # A paragraph is unique within its review, and review symbols are unique.
    assert Review.objects.exclude(document_symbol="").values("document_symbol").distinct().count() == (
        Review.objects.exclude(document_symbol="").count()
    )


def test_statuses_are_the_latest_confirmed_assessment():
    generate(n=600)
    assert Recommendation.objects.exclude(status=Status.NOT_ASSESSED).exists()
    assert StatusAssessment.objects.proposed().exists()
    stored = dict(Recommendation.objects.values_list("pk", "status"))
    for rec in Recommendation.objects.all():
        recommendation_refresh_status(recommendation=rec)
    assert dict(Recommendation.objects.values_list("pk", "status")) == stored


def test_repeatable_with_the_same_seed_and_different_with_another():
    generate(seed=11, n=800)
    first = snapshot()
    flush_generated()
    generate(seed=11, n=800)
    assert snapshot() == first
    flush_generated()
    generate(seed=12, n=800)
    assert snapshot()["recommendations"] != first["recommendations"]


def test_refuses_to_generate_twice_into_the_same_database():
    generate(n=200)
    with pytest.raises(CommandError):
        generate(n=200)
    assert Recommendation.objects.count() == 200


def test_coexists_with_the_demo_content():
    call_command("load_demo", password="demo password for the tests", force=True)
    demo = Recommendation.objects.count()
    generate(n=400)
    assert Recommendation.objects.count() == demo + 400


def _statistics_rows(table: str) -> int:
    """Rows of planner statistics the database holds for ``table`` (PostgreSQL's pg_statistic, SQLite's stat1)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT count(*) FROM pg_statistic WHERE starelid = %s::regclass", [table])
        else:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if not cursor.fetchone()[0]:
                return 0
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
        return cursor.fetchone()[0]


TABLES = (
    "recommendations_recommendation",
    "recommendations_recommendation_themes",
    "recommendations_statusassessment",
    "advocacy_event",
    "advocacy_event_recommendations_promoted",
    "reports_report",
    "partners_organisation",
)


def test_the_filled_tables_are_analysed():
    """A bulk load leaves no table without planner statistics (autovacuum may be off or not yet run)."""
    generate(n=200)
    assert {table: _statistics_rows(table) > 0 for table in TABLES} == dict.fromkeys(TABLES, True)


def test_no_analyze_leaves_the_statistics_absent():
    call_command("generate_dataset", recommendations=200, seed=3, batch_size=500, analyze=False)
    assert Recommendation.objects.count() == 200
    assert {table: _statistics_rows(table) for table in TABLES} == dict.fromkeys(TABLES, 0)
