"""E-mail each member who asked for it their digest of the review calendar (run it daily).

    python manage.py send_digests [--dry-run] [--date 2026-12-01]

Daily subscribers get a digest each day that has news for them, weekly ones at most one per ISO week;
no item is sent twice in a period. See platform_site/digests.py.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from platform_site.digests import digests_send


class Command(BaseCommand):
    help = "Send the members' review-calendar digests that are due (daily or weekly, by their choice)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count the digests due; send and log nothing.")
        parser.add_argument("--date", help="Compose as on this day (YYYY-MM-DD) instead of today.")

    def handle(self, *args, dry_run, date, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"--date: {error}") from error
        counts = digests_send(today=today, dry_run=dry_run)
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(self.style.SUCCESS(f"{counts['sent']} digest(s) {verb}; {counts['empty']} with no news."))
