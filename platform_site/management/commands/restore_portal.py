"""Restore a backup made by ``backup_portal`` into an EMPTY database and an EMPTY media folder.

    python manage.py restore_portal var/backups/portal-20261130-142000.dump    # make restore FILE=…

The file may be the dump, the media archive or their common stem. The database is the one DATABASE_URL
names (create it first with ``createdb``) and the folder is MEDIA_ROOT. Nothing is written unless both are
empty: a restore over live data would mix two states of the portal.
"""

import tarfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.db.models import Value
from django.db.models.functions import Greatest

from platform_site.backups import backup_files, database_tables, folder_entries, postgres_command, run
from platform_site.models import ContentVersion


class Command(BaseCommand):
    help = "Restore a backup (database dump and uploads archive) into an empty database and media folder."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup's .dump or .media.tar.gz file, or their common stem.")
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, **options):
        alias = options["database"]
        dump, archive = backup_files(options["file"])
        if not dump.is_file():
            raise CommandError(f"No database dump at {dump}.")
        command, env = postgres_command("pg_restore", alias)
        media_root = Path(settings.MEDIA_ROOT)

        # Check everything before writing anything.
        name = connections[alias].settings_dict["NAME"]
        tables = database_tables(alias)
        if tables:
            raise CommandError(
                f"The database {name} is not empty ({len(tables)} tables, e.g. {tables[0]}). Restore only into an "
                f"empty database: createdb a new one and point DATABASE_URL at it (or drop and recreate {name})."
            )
        restore_media = archive.is_file()
        if restore_media and folder_entries(media_root):
            raise CommandError(
                f"The media folder {media_root} is not empty. Restore only into an empty folder: set MEDIA_ROOT to "
                "a new one (or move this one aside)."
            )
        connections[alias].close()  # pg_restore works alone in the database

        run([*command, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", str(dump)], env)
        self.stdout.write(f"Database {name} restored from {dump}.")
        past_the_caches(alias)
        if not restore_media:
            self.stdout.write(f"No uploads archive at {archive}: the media folder was left as it is.")
            return
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive, "r:gz") as tar:
            # The "data" filter refuses absolute paths, links out of the folder and device files.
            tar.extractall(media_root, filter="data")
        self.stdout.write(f"Uploads restored into {media_root} from {archive}.")


def past_the_caches(alias):
    """Move the restored content version past every number the lost database can have used.

    The restored database is back at the backup's version, and the caches (pages, and the computed parts of
    pages kept a day; in Redis they outlive the processes) may hold what the lost database showed under the
    numbers that followed it. A version counts changes, so the time in milliseconds is beyond any of them.
    """
    ContentVersion.objects.using(alias).update(number=Greatest("number", Value(time.time_ns() // 1_000_000)))
