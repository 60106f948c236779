"""``manage.py import_calendar``: dry run, row-by-row errors that write nothing, idempotent re-import."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from cycle.models import CycleReview, Deadline, Publication
from tests.recommendations.factories import MechanismFactory

pytestmark = pytest.mark.django_db

GOOD = """entry,state,mechanism,date,session,session_starts,session_ends,document_symbol,review_date,title_en,source_url,checked_on,publication
review,KG,CMW,2023-11-30,37th session,2023-11-27,2023-12-08,,,,https://example.org/s37,2026-11-01,public
list_of_issues,KG,CMW,2022-05-03,,,,,2023-11-30,List of issues CMW/C/KGZ/QPR/2,https://example.org/qpr,2026-11-01,public
internal,KZ,CMW,2026-12-20,,,,,,Draft chapter on Kazakhstan,,,members
"""  # noqa: E501


@pytest.fixture
def csv_file(tmp_path):
    def write(text):
        path = tmp_path / "calendar.csv"
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def test_import_creates_then_changes_nothing(csv_file, capsys):
    MechanismFactory(code="CMW")
    path = csv_file(GOOD)
    call_command("import_calendar", path, "--dry-run")
    assert not CycleReview.objects.exists() and not Deadline.objects.exists()
    call_command("import_calendar", path)
    review = CycleReview.objects.get()
    assert review.starts_on == datetime.date(2023, 11, 27) and review.session == "37th session"
    assert review.publication == Publication.PUBLIC
    issues = Deadline.objects.get(kind=Deadline.Kind.LIST_OF_ISSUES)
    assert issues.cycle == review and issues.checked_on == datetime.date(2026, 11, 1)
    assert Deadline.objects.get(kind=Deadline.Kind.INTERNAL).publication == Publication.MEMBERS
    call_command("import_calendar", path)
    assert "0 entries were created, 0 updated, 3 unchanged" in capsys.readouterr().out


def test_errors_name_row_and_column_and_nothing_is_written(csv_file, capsys):
    MechanismFactory(code="CMW")
    bad = GOOD + "state_report,XX,CMW,2027-13-01,,,,,,,,,\nreview,KG,NOPE,2024-01-01,,,,,,,,,secret\n"
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_calendar", csv_file(bad))
    err = capsys.readouterr().err
    assert "row 5, state" in err and "row 5, date" in err
    assert "row 6, mechanism" in err and "row 6, publication" in err
    assert not CycleReview.objects.exists() and not Deadline.objects.exists()


def test_a_file_without_the_required_columns_is_refused(csv_file, capsys):
    with pytest.raises(CommandError):
        call_command("import_calendar", csv_file("when,what\n2024-01-01,review\n"))
    assert "entry, state, mechanism, date" in capsys.readouterr().err
