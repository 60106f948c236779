"""Translations: the catalogues are complete, compiled and up to date, and pages speak one language.

The .po files are read with a small parser of our own (no extra dependency): it handles what Django's
makemessages writes (msgctxt, msgid, msgid_plural, msgstr[n], continuation lines, flags).
"""

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from recommendations.models import Status

LOCALE = Path(settings.LOCALE_PATHS[0])
BASE_DIR = Path(settings.BASE_DIR)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|{{\s*\w+\s*}}")
# Entries whose Russian (and Kyrgyz) text is knowingly the same as the English: an abbreviation and the
# separator of a time span's parts (none are left empty on purpose).
SAME_IN_RUSSIAN = {"ID", ", "}


def parse_po(path):
    """Entries of a .po file as dicts: msgctxt, msgid, msgid_plural, msgstr (str or list), flags."""
    entries, entry, key = [], None, None

    def finish():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if entry is not None and "msgid" in entry:
                finish()
                entry = None
            entry = entry or {"flags": set(), "msgstr": {}}
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith('"'):
            value = ast.literal_eval(line)
            if isinstance(key, tuple):
                entry["msgstr"][key[1]] += value
            else:
                entry[key] += value
            continue
        word, _, rest = line.partition(" ")
        value = ast.literal_eval(rest)
        if word in ("msgctxt", "msgid") and entry is not None and "msgid" in entry:
            finish()
            entry = None
        entry = entry or {"flags": set(), "msgstr": {}}
        if word.startswith("msgstr["):
            key = ("msgstr", int(word[7:-1]))
            entry["msgstr"][key[1]] = value
        elif word == "msgstr":
            key = ("msgstr", 0)
            entry["msgstr"][0] = value
        else:
            key = word
            entry[word] = value
    finish()
    header = next(e for e in entries if e["msgid"] == "" and "msgctxt" not in e)
    return header, [e for e in entries if e is not header]


def catalogue(language):
    return parse_po(LOCALE / language / "LC_MESSAGES" / "django.po")


def placeholders(text):
    return {m.group(0).replace(" ", "") for m in PLACEHOLDER.finditer(text)}


class CatalogueTests:
    def test_russian_header_has_three_plural_forms(self):
        header, _entries = catalogue("ru")
        text = header["msgstr"][0]
        assert "Language: ru\n" in text
        assert "nplurals=3;" in text
        assert "fuzzy" not in header["flags"]

    def test_english_header_has_two_plural_forms(self):
        header, _entries = catalogue("en")
        assert "Language: en\n" in header["msgstr"][0]
        assert "nplurals=2;" in header["msgstr"][0]

    def test_kyrgyz_header_has_djangos_one_plural_form(self):
        """As Django's own Kyrgyz catalogue (conf/locale/ky): one form, so the catalogues Django merges agree."""
        header, _entries = catalogue("ky")
        text = header["msgstr"][0]
        assert "Language: ky\n" in text
        assert "Plural-Forms: nplurals=1; plural=0;\n" in text
        assert "fuzzy" not in header["flags"]

    @pytest.mark.parametrize(("language", "forms"), [("ru", [0, 1, 2]), ("ky", [0])])
    def test_every_entry_is_translated_and_checked(self, language, forms):
        _header, entries = catalogue(language)
        assert len(entries) > 300
        untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values())]
        plural_gaps = [e["msgid"] for e in entries if "msgid_plural" in e and sorted(e["msgstr"]) != forms]
        fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
        assert untranslated == []
        assert plural_gaps == []
        assert fuzzy == []

    @pytest.mark.parametrize("language", ["ru", "ky"])
    def test_text_is_cyrillic(self, language):
        _header, entries = catalogue(language)
        copied = [
            e["msgid"]
            for e in entries
            if e["msgid"] not in SAME_IN_RUSSIAN
            and not any(re.search("[А-Яа-яЁёҢңӨөҮү]", s) for s in e["msgstr"].values())
        ]
        assert copied == []

    def test_kyrgyz_text_is_kyrgyz_not_russian(self):
        """Kyrgyz letters appear, and no more than a few entries are the Russian text copied."""
        _header, kyrgyz = catalogue("ky")
        _header, russian = catalogue("ru")
        text = " ".join(s for e in kyrgyz for s in e["msgstr"].values())
        for letter in "ңөү":
            assert text.count(letter) > 50, letter
        in_russian = {(e.get("msgctxt"), e["msgid"]): e["msgstr"] for e in russian}
        same = [
            e["msgid"]
            for e in kyrgyz
            if all(e["msgstr"].values()) and e["msgstr"] == in_russian.get((e.get("msgctxt"), e["msgid"]))
        ]
        assert len(same) < len(kyrgyz) // 20, same

    @pytest.mark.parametrize("language", ["ru", "ky"])
    def test_placeholders_are_kept(self, language):
        _header, entries = catalogue(language)
        wrong = []
        for e in entries:
            wanted = placeholders(e["msgid"]) | placeholders(e.get("msgid_plural", ""))
            for form in e["msgstr"].values():
                if form and placeholders(form) != wanted:
                    wrong.append((e["msgid"], form))
        assert wrong == []

    @pytest.mark.parametrize("language", ["ru", "en", "ky"])
    def test_compiled_catalogue_matches_the_po_file(self, language):
        """The committed .mo holds exactly the .po's translations (nobody forgot compilemessages)."""
        _header, entries = catalogue(language)
        with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as mo:
            compiled = gettext.GNUTranslations(mo)
        stale = []
        for e in entries:
            if not all(e["msgstr"].values()):
                continue
            context = e.get("msgctxt")
            if "msgid_plural" in e:
                for form, n in zip(sorted(e["msgstr"]), (1, 3, 5), strict=False):
                    got = (
                        compiled.npgettext(context, e["msgid"], e["msgid_plural"], n)
                        if context
                        else compiled.ngettext(e["msgid"], e["msgid_plural"], n)
                    )
                    if got != e["msgstr"][form]:
                        stale.append(e["msgid"])
            else:
                got = compiled.pgettext(context, e["msgid"]) if context else compiled.gettext(e["msgid"])
                if got != e["msgstr"][0]:
                    stale.append(e["msgid"])
        assert stale == []

    @pytest.mark.parametrize("language", ["ru", "en", "ky"])
    def test_catalogue_compiles(self, language, tmp_path):
        if not shutil.which("msgfmt"):
            pytest.skip("msgfmt (GNU gettext) is not installed")
        po = LOCALE / language / "LC_MESSAGES" / "django.po"
        result = subprocess.run(
            ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(po)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr

    @pytest.mark.parametrize("language", ["ru", "ky"])
    def test_catalogue_covers_every_source_string(self, language, fresh_catalogues):
        """makemessages on a copy of the sources finds no msgid that the committed catalogue lacks."""
        _header, fresh = parse_po(fresh_catalogues / language / "LC_MESSAGES" / "django.po")
        _header, committed = catalogue(language)
        known = {(e.get("msgctxt"), e["msgid"], e.get("msgid_plural")) for e in committed}
        missing = [e["msgid"] for e in fresh if (e.get("msgctxt"), e["msgid"], e.get("msgid_plural")) not in known]
        assert missing == [], "run `make messages` and translate the new strings"

    def test_makemessages_keeps_and_compilemessages_compiles_the_generated_country_names(self, fresh_catalogues):
        """The country names in Kyrgyz (partners/country_names/, from CLDR) live beside the catalogues that
        makemessages rewrites: it leaves them alone, and compilemessages compiles them."""
        generated = Path("partners") / "country_names" / "ky" / "LC_MESSAGES"
        copy = fresh_catalogues.parent / generated
        assert (copy / "django.po").read_bytes() == (BASE_DIR / generated / "django.po").read_bytes()
        if not shutil.which("msgfmt"):
            pytest.skip("msgfmt (GNU gettext) is not installed")
        (copy / "django.mo").unlink()
        result = subprocess.run(
            [sys.executable, "manage.py", "compilemessages", "-l", "ky"],
            cwd=fresh_catalogues.parent,
            capture_output=True,
            text=True,
            env={**os.environ, "VAR_DIR": str(fresh_catalogues.parent.parent / "var")},
        )
        assert result.returncode == 0, result.stderr
        english = "Kazakhstan"  # not a literal inside gettext(): makemessages would take it for the portal's
        with (copy / "django.mo").open("rb") as mo:
            assert gettext.GNUTranslations(mo).gettext(english) == "Казакстан"


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """The locale folder of a copy of the sources after makemessages (once for the module: it takes a while)."""
    if not shutil.which("xgettext"):
        pytest.skip("xgettext (GNU gettext) is not installed")
    tmp_path = tmp_path_factory.mktemp("catalogues")
    copy = tmp_path / "src"
    skip = shutil.ignore_patterns(".venv", "var", "tests", "test-artifacts", ".git", "__pycache__", "node_modules")
    shutil.copytree(BASE_DIR, copy, ignore=skip)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ru", "-l", "ky", "--no-obsolete", "--no-location"],
        cwd=copy,
        capture_output=True,
        text=True,
        env={**os.environ, "VAR_DIR": str(tmp_path / "var")},
    )
    assert result.returncode == 0, result.stderr
    return copy / "locale"


class RussianPluralTests:
    @pytest.mark.parametrize(
        ("n", "expected"),
        [
            (1, "1 доклад опубликован."),
            (3, "3 доклада опубликованы."),
            (5, "5 докладов опубликовано."),
            (11, "11 докладов опубликовано."),
            (21, "21 доклад опубликован."),
            (24, "24 доклада опубликованы."),
            (112, "112 докладов опубликовано."),
        ],
    )
    def test_three_forms(self, n, expected):
        with translation.override("ru"):
            text = translation.ngettext("%(count)d report published.", "%(count)d reports published.", n)
        assert text % {"count": n} == expected

    def test_english_keeps_the_source_plural(self):
        with translation.override("en"):
            one = translation.ngettext("%(count)d report published.", "%(count)d reports published.", 1)
            many = translation.ngettext("%(count)d report published.", "%(count)d reports published.", 5)
        assert (one, many) == ("%(count)d report published.", "%(count)d reports published.")

    def test_status_words(self):
        with translation.override("ru"):
            labels = [str(label) for label in Status.labels]
        assert labels == [
            "Не оценено",
            "Не начато",
            "В процессе",
            "Частично выполнено",
            "Выполнено",
            "Не выполнено (регресс)",
        ]


RUSSIAN_NAV = ["Доклады", "Рекомендации", "Адвокация", "Партнеры", "Поиск", "Войти"]
ENGLISH_NAV = ["Reports", "Recommendations", "Advocacy", "Partners", "Search", "Log in"]


def nav_text(html):
    """The site header: language switcher, log-in link, main navigation and search."""
    header = re.search(r'<header class="site-header">.*?</header>', html, re.S)
    assert header, "the site header is missing"
    return header.group(0)


@pytest.mark.django_db
class HomeLanguageTests:
    def test_russian_home_has_russian_navigation(self, client):
        # An English browser still gets Russian at /: the default language has no prefix.
        response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
        html = response.content.decode()
        assert response.status_code == 200
        assert '<html lang="ru"' in html
        nav = nav_text(html)
        for word in RUSSIAN_NAV:
            assert f">{word}<" in nav
        for word in ENGLISH_NAV:
            assert f">{word}<" not in nav

    def test_english_home_has_english_navigation(self, client):
        response = client.get("/en/")
        html = response.content.decode()
        assert response.status_code == 200
        assert '<html lang="en"' in html
        nav = nav_text(html)
        for word in ENGLISH_NAV:
            assert f">{word}<" in nav
        for word in RUSSIAN_NAV:
            assert f">{word}<" not in nav
        # The only Cyrillic in the English header is the switcher's "Русский" and "Кыргызча" (each language
        # by its own name).
        assert re.findall("[А-Яа-яЁёҢңӨөҮү]+", nav) == ["Русский", "Кыргызча"]


@pytest.mark.django_db
class FormLanguageTests:
    def test_upload_help_follows_the_page_language(self, client_for, member):
        """Help text of declared file fields is lazy: the first page built must not fix its language."""
        client = client_for(member)
        russian = client.get("/advocacy/new/").content.decode()
        english = client.get("/en/advocacy/new/").content.decode()
        assert "PDF, Word или изображение" in russian
        assert "PDF, Word or an image" in english
        assert "изображение" not in english


@pytest.mark.django_db
def test_the_footer_and_feed_links_speak_each_pages_language(client, settings):
    """Rendered once per process and language (portal_tags.rendered_once): never one language's for another."""
    settings.SITE_NAME = "Platform test site"
    pages = {
        code: client.get(prefix + "/").content.decode() for code, prefix in (("en", "/en"), ("ru", ""), ("ky", "/ky"))
    }
    pages["en again"] = client.get("/en/").content.decode()
    assert "Feed of new reports (Atom)" in pages["en"]
    for code in ("ru", "ky"):
        assert "Feed of new reports (Atom)" not in pages[code]
        with translation.override(code):
            assert translation.gettext("Feed of new reports (Atom)") in pages[code]
    footer = re.search(r'<footer class="site-footer">.*</footer>', pages["en"], re.S).group()
    assert footer in pages["en again"] and '<p class="footer-name">Platform test site</p>' in footer
    for code in ("ru", "ky"):
        assert re.search(r'<footer class="site-footer">.*</footer>', pages[code], re.S).group() != footer
