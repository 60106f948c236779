"""``manage.py dump_public_data [--base-url https://portal.example.org]``: the nightly open data dump.

Run it from cron once a night, e.g. ``15 2 * * * cd /srv/portal && .venv/bin/python manage.py
dump_public_data --base-url https://portal.example.org``. The files appear on /api/ and under
/api/v1/dumps/.
"""

from django.core.management.base import BaseCommand

from api.dumps import public_dump_write


class Command(BaseCommand):
    help = "Write the whole public record as gzip-compressed JSON Lines and CSV files with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="", help="The portal's address, for the links in the files.")
        parser.add_argument("--keep", type=int, default=None, help="How many dumps to keep (OPENDATA_KEEP).")

    def handle(self, *args, base_url, keep, **options):
        folder = public_dump_write(base_url=base_url.rstrip("/"), keep=keep)
        self.stdout.write(f"Open data dump written to {folder}")
