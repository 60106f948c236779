"""Backups of the portal: a ``pg_dump -Fc`` of the database and a tar.gz of the uploaded files, named by date.

``backup_portal`` and ``restore_portal`` (management commands, behind ``make backup`` and ``make restore``)
call PostgreSQL's own tools with the parts of the configured database. The password travels in the
``PGPASSWORD`` environment variable of the child process only, never on a command line (which every user
of the host can read in ``ps``).

A backup is two files sharing one stem, ``portal-YYYYMMDD-HHMMSS``:

- ``<stem>.dump``: the database in pg_dump's custom format (compressed; pg_restore restores it into an
  empty database, and can list or pick from it);
- ``<stem>.media.tar.gz``: the folder ``MEDIA_ROOT``, paths relative to it. Absent when uploads live in
  object storage (``MEDIA_STORAGE=s3``), whose versioning and replication are the bucket's own business.
"""

import os
import shutil
import subprocess
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connections
from django.utils import timezone

DUMP_SUFFIX = ".dump"
MEDIA_SUFFIX = ".media.tar.gz"


def backup_stem(now=None) -> str:
    return f"portal-{(now or timezone.now()).strftime('%Y%m%d-%H%M%S')}"


def backup_files(path: str | Path) -> tuple[Path, Path]:
    """The dump and the media archive of a backup named by either file or by their common stem."""
    path = Path(path)
    name = path.name
    for suffix in (DUMP_SUFFIX, MEDIA_SUFFIX):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return path.with_name(name + DUMP_SUFFIX), path.with_name(name + MEDIA_SUFFIX)


def postgres_command(tool: str, alias: str = "default") -> tuple[list[str], dict]:
    """The start of a pg_dump/pg_restore command line for the database ``alias``, and the environment.

    Connection parts go in as options (-h -p -U -d); the password goes in PGPASSWORD.
    """
    connection = connections[alias]
    if connection.vendor != "postgresql":
        raise CommandError(
            f"Backups need PostgreSQL: the database '{alias}' is {connection.vendor}. "
            "Set DATABASE_URL=postgres://… (a SQLite file is backed up by copying it while the portal is stopped)."
        )
    if shutil.which(tool) is None:
        raise CommandError(
            f"{tool} is not installed: install PostgreSQL's client tools (apt-get install postgresql-client)."
        )
    db = connection.settings_dict
    command = [tool, "--dbname", db["NAME"], "--no-password"]
    if db.get("HOST"):
        command += ["--host", db["HOST"]]
    if db.get("PORT"):
        command += ["--port", str(db["PORT"])]
    if db.get("USER"):
        command += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    else:
        env.pop("PGPASSWORD", None)
    return command, env


def run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise CommandError(f"{command[0]} failed (exit {result.returncode}): {result.stderr.strip()}")


def database_tables(alias: str = "default") -> list[str]:
    """Tables (and other relations) in the database's user schemas: none in an empty database."""
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables "
            "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
        )
        return [row[0] for row in cursor.fetchall()]


def folder_entries(folder: Path) -> list[Path]:
    if not folder.exists():
        return []
    return sorted(folder.iterdir())
