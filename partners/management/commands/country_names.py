"""Write the catalogue of country names in a language django-countries does not speak, from CLDR (Babel).

manage.py country_names --language ky            # writes partners/country_names/ky/LC_MESSAGES/django.po and .mo
manage.py country_names --language ky --check    # fails when the committed catalogue is not what CLDR gives now
"""

from django.core.management.base import BaseCommand, CommandError

from partners.countries import GENERATED_LOCALE_DIR, compiled_catalogue, country_names_catalogue


class Command(BaseCommand):
    help = "Generate the catalogue of country names in a language from CLDR's data (Babel)."

    def add_arguments(self, parser):
        parser.add_argument("--language", action="append", required=True, help="Language code, e.g. ky; repeatable.")
        parser.add_argument("--check", action="store_true", help="Write nothing; fail if a catalogue is out of date.")

    def handle(self, *args, language, check, **options):
        stale = []
        for code in language:
            folder = GENERATED_LOCALE_DIR / code / "LC_MESSAGES"
            po_text = country_names_catalogue(code)
            po_path = folder / "django.po"
            current = po_path.read_text(encoding="utf-8") if po_path.exists() else None
            if check:
                if current != po_text:
                    stale.append(str(po_path))
                continue
            folder.mkdir(parents=True, exist_ok=True)
            po_path.write_text(po_text, encoding="utf-8")
            (folder / "django.mo").write_bytes(compiled_catalogue(po_text))
            self.stdout.write(f"{po_path}: {po_text.count('msgid ') - 1} country names")
        if stale:
            raise CommandError(f"Out of date, run `manage.py country_names` again: {', '.join(stale)}")
