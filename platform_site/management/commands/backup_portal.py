"""Back up the database (``pg_dump -Fc``) and the uploaded files (tar.gz of MEDIA_ROOT) into BACKUP_DIR.

    python manage.py backup_portal [--output-dir DIR]      # make backup

Prints the two files it wrote. See ``platform_site/backups.py`` for the naming and what is left out.
"""

import os
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import BaseCommand

from platform_site.backups import DUMP_SUFFIX, MEDIA_SUFFIX, backup_stem, postgres_command, run


class Command(BaseCommand):
    help = "Write a pg_dump of the database and an archive of the uploaded files, named by date, into BACKUP_DIR."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", help="Folder for the backup (default: BACKUP_DIR, var/backups).")
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, **options):
        command, env = postgres_command("pg_dump", options["database"])
        # A backup holds every password hash and every draft: its folder (when made here) and its files,
        # partial ones included, are the owner's only, whatever the shell's umask.
        previous = os.umask(0o077)
        try:
            self._backup(command, env, options)
        finally:
            os.umask(previous)

    def _backup(self, command, env, options):
        output_dir = Path(options["output_dir"] or settings.BACKUP_DIR)
        output_dir.mkdir(parents=True, exist_ok=True)
        stem = backup_stem()
        dump = output_dir / (stem + DUMP_SUFFIX)
        # Written under a temporary name first: a half-written dump must never look like a backup.
        partial = dump.with_name(dump.name + ".partial")
        run([*command, "--format", "custom", "--file", str(partial)], env)
        partial.rename(dump)
        self.stdout.write(f"Database: {dump} ({dump.stat().st_size:,} bytes)")

        if not isinstance(storages["default"], FileSystemStorage):
            self.stdout.write("Uploads live in object storage (MEDIA_STORAGE=s3): back up the bucket itself.")
            return
        media_root = Path(settings.MEDIA_ROOT)
        archive = output_dir / (stem + MEDIA_SUFFIX)
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            if media_root.exists():
                for entry in sorted(media_root.iterdir()):
                    tar.add(entry, arcname=entry.name)
        partial.rename(archive)
        self.stdout.write(f"Uploads: {archive} ({archive.stat().st_size:,} bytes) from {media_root}")
