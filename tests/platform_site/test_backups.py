"""The restore drill: back up the demo database and its uploads, restore them into a scratch database and an
empty folder, and find the same rows, the same files and the same dossier page. PostgreSQL only.

The test commits (a transactional test) because pg_dump, pg_restore and the page rendering run in other
processes, which see only committed rows.
"""

import importlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from partners.access import COORDINATORS_GROUP, MEMBERS_GROUP
from recommendations.models import StatusAssessment
from tests.members_support import PDF_BYTES

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _role_groups(transactional_db):
    """The roles migration's groups, which a transactional test's flush empties (as in tests/browser)."""
    if Group.objects.filter(name__in=[COORDINATORS_GROUP, MEMBERS_GROUP]).count() < 2:
        migration = importlib.import_module("platform_site.migrations.0001_roles")
        migration.create_roles(MigrationExecutor(connection).loader.project_state().apps, None)


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("The restore drill needs PostgreSQL: set DATABASE_URL=postgres://…")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("The restore drill needs pg_dump and pg_restore (apt-get install postgresql-client).")
    return connection.settings_dict


def database_url(db, name):
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def connect(db, name):
    return psycopg2.connect(
        dbname=name, user=db["USER"], password=db.get("PASSWORD") or None, host=db["HOST"], port=db["PORT"] or None
    )


@pytest.fixture
def scratch_database(postgres):
    """An empty database beside the test database, dropped afterwards."""
    name = f"{postgres['NAME']}_restore"[:63]
    admin = connect(postgres, "postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def row_counts(db, name):
    with connect(db, name) as conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
        )
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    conn.close()
    return counts


def content_version(db, name):
    with connect(db, name) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT number FROM platform_site_contentversion")
        (number,) = cursor.fetchone()
    conn.close()
    return number


def manage(args, env, check=True):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=check,
    )


def render(url, env):
    """A page as an anonymous visitor gets it from the database in ``env``, with the per-visitor CSRF token cut."""
    script = (
        f"from django.test import Client; r = Client(HTTP_HOST='localhost').get({url!r}); "
        "print(r.status_code); print(r.content.decode())"
    )
    output = manage(["shell", "--no-imports", "-c", script], env).stdout
    return re.sub(r'value="[A-Za-z0-9]{32,}"', 'value="token"', output)


def test_backup_and_restore_into_an_empty_database_give_the_same_portal(
    postgres, scratch_database, tmp_path, settings, monkeypatch
):
    call_command("load_demo", password="drill-password-2026", force=True)
    assessment = StatusAssessment.objects.filter(recommendation__is_public=True).order_by("pk").first()
    assessment.source_file.save("ministry-letter.pdf", ContentFile(PDF_BYTES))
    dossier = assessment.recommendation.get_absolute_url()

    backups = tmp_path / "backups"
    call_command("backup_portal", output_dir=str(backups))
    (dump,) = backups.glob("portal-*.dump")
    (archive,) = backups.glob("portal-*.media.tar.gz")
    assert dump.name[: -len(".dump")] == archive.name[: -len(".media.tar.gz")]
    assert not list(backups.glob("*.partial"))

    env_base = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "MEDIA_ROOT"}}
    restored_media = tmp_path / "restored-media"
    scratch_env = {
        **env_base,
        "DATABASE_URL": database_url(postgres, scratch_database),
        "MEDIA_ROOT": str(restored_media),
        "VAR_DIR": str(tmp_path / "var"),
    }
    restored_at_ms = time.time_ns() // 1_000_000
    result = manage(["restore_portal", str(dump)], scratch_env)
    assert "restored" in result.stdout
    # Past every version the lost database may have cached pages under (its number counts changes).
    assert content_version(postgres, scratch_database) >= restored_at_ms > content_version(postgres, postgres["NAME"])

    original_counts = row_counts(postgres, postgres["NAME"])
    assert original_counts["recommendations_recommendation"] > 0
    assert row_counts(postgres, scratch_database) == original_counts

    restored_file = restored_media / assessment.source_file.name
    assert restored_file.read_bytes() == PDF_BYTES

    original_env = {**scratch_env, "DATABASE_URL": database_url(postgres, postgres["NAME"])}
    original_page = render(dossier, original_env)
    assert original_page.startswith("200\n") and assessment.recommendation.text[:40] in original_page
    assert render(dossier, scratch_env) == original_page

    # A second restore over the restored database is refused, and says why.
    refused = manage(["restore_portal", str(dump)], scratch_env, check=False)
    assert refused.returncode != 0
    assert "is not empty" in refused.stderr and "createdb" in refused.stderr
    assert row_counts(postgres, scratch_database) == original_counts


def test_restore_refuses_a_database_that_is_not_empty(postgres, tmp_path, media_root):
    call_command("load_demo", password="drill-password-2026", force=True)
    call_command("backup_portal", output_dir=str(tmp_path))
    (dump,) = tmp_path.glob("*.dump")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore_portal", str(dump))


def test_restore_refuses_a_media_folder_that_is_not_empty(postgres, scratch_database, tmp_path):
    call_command("backup_portal", output_dir=str(tmp_path / "b"))
    (dump,) = (tmp_path / "b").glob("*.dump")
    media = tmp_path / "media-in-use"
    media.mkdir()
    (media / "report.pdf").write_bytes(PDF_BYTES)
    env = {
        **{key: value for key, value in os.environ.items() if key != "DATABASE_URL"},
        "DATABASE_URL": database_url(postgres, scratch_database),
        "MEDIA_ROOT": str(media),
        "VAR_DIR": str(tmp_path / "var"),
    }
    refused = manage(["restore_portal", str(dump)], env, check=False)
    assert refused.returncode != 0 and "media folder" in refused.stderr and "not empty" in refused.stderr
    assert row_counts(postgres, scratch_database) == {}  # nothing written half-way


def test_backups_need_postgresql_and_say_so(tmp_path):
    if connection.vendor == "postgresql":
        pytest.skip("Checks the message on SQLite.")
    with pytest.raises(CommandError, match="need PostgreSQL"):
        call_command("backup_portal", output_dir=str(tmp_path))
    assert not list(Path(tmp_path).iterdir())


def test_backups_are_readable_by_their_owner_only(postgres, tmp_path, media_root):
    # A backup holds every password hash and every draft: no other account on the host may read it.
    (media_root / "reports").mkdir(parents=True)
    (media_root / "reports" / "a.pdf").write_bytes(PDF_BYTES)
    backups = tmp_path / "new" / "backups"
    previous = os.umask(0o022)
    try:
        call_command("backup_portal", output_dir=str(backups))
    finally:
        os.umask(previous)
    files = list(backups.iterdir())
    assert len(files) == 2
    assert {oct(path.stat().st_mode & 0o777) for path in files} == {oct(0o600)}
    assert oct(backups.stat().st_mode & 0o777) == oct(0o700)
