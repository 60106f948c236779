"""``manage.py purge_job_results``: delete finished jobs older than JOB_RESULT_DAYS with their files.

Run it daily from cron (see the README); ``--days`` overrides the setting.
"""

from django.core.management.base import BaseCommand

from jobs.services import jobs_purge


class Command(BaseCommand):
    help = "Delete finished jobs older than JOB_RESULT_DAYS days, with their result and uploaded files."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="Keep this many days instead of JOB_RESULT_DAYS.")

    def handle(self, *args, days=None, **options):
        count = jobs_purge(days=days)
        self.stdout.write(f"{count} finished jobs deleted.")
