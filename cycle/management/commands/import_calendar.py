"""Import review-calendar entries from a CSV or Excel file (columns: see cycle/imports.py).

    python manage.py import_calendar calendar.csv --dry-run
    python manage.py import_calendar calendar.csv

A file with any error writes nothing; every error names its row and column.
"""

from django.core.management.base import BaseCommand, CommandError

from cycle.imports import calendar_import


class Command(BaseCommand):
    help = "Import review-calendar entries (reviews and deadlines) from a CSV or Excel file."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and write nothing.")

    def handle(self, *args, path, dry_run, **options):
        try:
            with open(path, "rb") as handle:
                result = calendar_import(source=handle, name=path, dry_run=dry_run)
        except OSError as error:
            raise CommandError(str(error)) from error
        for row, column, message in result.errors:
            where = f"row {row}, {column}" if column else (f"row {row}" if row else "file")
            self.stderr.write(f"{where}: {message}")
        if result.errors:
            raise CommandError(f"{len(result.errors)} error(s): nothing was imported.")
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.created} entries {verb} created, {result.updated} updated, {result.unchanged} unchanged."
            )
        )
