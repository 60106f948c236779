"""Import an export of the UN Human Rights Index (Excel or CSV).

    python manage.py import_recommendations uhri-export.xlsx --dry-run
    python manage.py import_recommendations uhri-export.xlsx [--skip-errors] [--user coordinator]

``--dry-run`` shows what would change and every error, and writes nothing. Without it, a file with
errors is refused unless ``--skip-errors`` says the errors were seen and those rows may be skipped.
Importing the same file twice changes nothing: rows are matched by OHCHR annotation id.
"""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from recommendations.imports.files import FileRejected
from recommendations.imports.uhri import uhri_import, uhri_plan

SHOWN_ERRORS = 50


class Command(BaseCommand):
    help = "Import recommendations from a UN Human Rights Index export (Excel or CSV)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")
        parser.add_argument("--skip-errors", action="store_true", help="Import the valid rows, skip rows with errors.")
        parser.add_argument("--user", help="User recorded in the change history.")
        parser.add_argument("--max-mb", type=int, help="Largest file accepted, in MB (default: MAX_IMPORT_MB).")

    def handle(self, *args, path, dry_run, skip_errors, user, max_mb, **options):
        history_user = None
        if user:
            history_user = get_user_model().objects.filter(username=user).first()
            if history_user is None:
                raise CommandError(f"No user {user!r}.")
        started = time.perf_counter()
        try:
            plan = uhri_plan(path, name=path, max_bytes=max_mb * 1024 * 1024 if max_mb else None)
        except FileRejected as error:
            raise CommandError(" ".join(error.messages)) from error
        except FileNotFoundError as error:
            raise CommandError(f"No file {path!r}.") from error
        planned = time.perf_counter()
        for warning in plan.warnings:
            self.stdout.write(self.style.WARNING(warning))
        for error in plan.errors[:SHOWN_ERRORS]:
            self.stdout.write(self.style.ERROR(str(error)))
        if len(plan.errors) > SHOWN_ERRORS:
            self.stdout.write(self.style.ERROR(f"… and {len(plan.errors) - SHOWN_ERRORS} more errors."))
        summary = plan.summary()
        self.stdout.write(
            "{rows} rows: {create} new, {update} updated, {unchanged} unchanged, {errors} with errors; "
            "new mechanisms {new_mechanisms}, reviews {new_reviews}, themes {new_themes}, "
            "affected groups {new_groups}, SDG targets {new_sdgs}.".format(**summary)
        )
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            return
        if plan.errors and not skip_errors:
            raise CommandError(
                f"{plan.error_rows} rows have errors; nothing was imported. "
                "Correct them, or rerun with --skip-errors to import the other rows."
            )
        result = uhri_import(plan=plan, user=history_user)
        done = time.perf_counter()
        rate = summary["rows"] / (done - started) if done > started else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported: {result.created} new, {result.updated} updated, {result.unchanged} unchanged, "
                f"{result.skipped} skipped in {done - started:.1f} s "
                f"(reading {planned - started:.1f} s, {rate:.0f} rows/s)."
            )
        )
