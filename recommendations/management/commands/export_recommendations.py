"""Write the recommendation status workbook to a file, with the list's filters as options.

    python manage.py export_recommendations OUT.xlsx --mechanism CMW --state KG --year 2015 --status in_progress

By default the workbook holds what the public sees; ``--user NAME`` exports what that person sees and
``--all`` everything (as a coordinator sees it).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import translation

from recommendations.filters import RecommendationFilter
from recommendations.models import Theme
from recommendations.transfer_views import applied_filters
from recommendations.workbooks import recommendation_status_workbook

FILTERS = ("mechanism", "state", "review", "year", "theme", "group", "body", "status", "q")


class Command(BaseCommand):
    help = "Export recommendations with their status to an Excel workbook (the list's filters as options)."

    def add_arguments(self, parser):
        parser.add_argument("out", help="The .xlsx file to write.")
        parser.add_argument("--mechanism", help="Mechanism code, e.g. CMW.")
        parser.add_argument("--state", help="ISO code of the state under review, e.g. KG.")
        parser.add_argument("--review", help="Review id.")
        parser.add_argument("--year", help="Year of the review.")
        parser.add_argument("--theme", help="Theme id or UHRI name.")
        parser.add_argument("--group", help="Affected group id.")
        parser.add_argument("--body", help="Addressed state body (organisation id).")
        parser.add_argument("--status", help="Status code, e.g. in_progress.")
        parser.add_argument("--q", help="Text contains.")
        parser.add_argument("--language", default="ru", help="Language of headers and labels: ru or en.")
        parser.add_argument("--base-url", default="", help="Prefix for dossier links, e.g. https://portal.example.")
        who = parser.add_mutually_exclusive_group()
        who.add_argument("--user", help="Export what this user may see.")
        who.add_argument("--all", action="store_true", help="Export everything, members-only data included.")

    def handle(self, *args, **options):
        if options["all"]:
            # A stand-in that the access rules treat as a coordinator; never saved.
            user = get_user_model()(username="export", is_active=True, is_superuser=True)
        elif options["user"]:
            try:
                user = get_user_model().objects.get(username=options["user"])
            except get_user_model().DoesNotExist as error:
                raise CommandError(f"No user {options['user']!r}.") from error
        else:
            user = AnonymousUser()
        data = {name: options[name] for name in FILTERS if options.get(name)}
        if data.get("theme") and not data["theme"].isdigit():
            theme = Theme.objects.filter(
                Q(key__iexact=data["theme"]) | Q(name_en__iexact=data["theme"]) | Q(name_ru__iexact=data["theme"])
            ).first()
            if theme is None:
                raise CommandError(f"No theme {data['theme']!r}.")
            data["theme"] = str(theme.pk)
        with translation.override(options["language"]):
            from recommendations.models import Recommendation

            filterset = RecommendationFilter(data or None, queryset=Recommendation.objects.visible_to(user))
            if data and not filterset.is_valid():
                raise CommandError(f"Invalid filters: {filterset.errors.as_text()}")
            filters = applied_filters(filterset)
            with open(options["out"], "wb") as out:
                count = recommendation_status_workbook(
                    filterset.qs,
                    out,
                    user=user,
                    filters=filters,
                    base_url=options["base_url"],
                    language=options["language"],
                )
        self.stdout.write(self.style.SUCCESS(f"{count} recommendations written to {options['out']}"))
