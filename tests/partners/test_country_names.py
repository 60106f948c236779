"""Country names in Kyrgyz (issue 13, point 2): generated from CLDR by `manage.py country_names`, read by
gettext like any catalogue, shown and sorted in Kyrgyz on /ky/ pages."""

import gettext
import re

import pytest
from django.core.management import CommandError, call_command

from partners.countries import GENERATED_LOCALE_DIR, country_names_catalogue
from tests.advocacy.factories import EventFactory
from tests.partners.factories import OrganisationFactory
from tests.recommendations.factories import RecommendationFactory, ReviewFactory
from tests.reports.factories import ReportFactory

COMMITTED = GENERATED_LOCALE_DIR / "ky" / "LC_MESSAGES"


def test_the_committed_catalogue_is_what_cldr_gives_now():
    """Regenerating changes nothing (Babel is pinned); `--check` says so too."""
    assert (COMMITTED / "django.po").read_text(encoding="utf-8") == country_names_catalogue("ky")
    call_command("country_names", language=["ky"], check=True)


def test_the_compiled_catalogue_matches_the_po_file():
    po = (COMMITTED / "django.po").read_text(encoding="utf-8")
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', po, re.M)
    assert len(pairs) > 249
    with (COMMITTED / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    assert compiled.info()["plural-forms"] == "nplurals=1; plural=0;"
    assert [(msgid, compiled.gettext(msgid)) for msgid, _ in pairs] == pairs


def test_the_command_writes_the_same_files_twice_and_check_notices_an_edit(tmp_path, monkeypatch):
    monkeypatch.setattr("partners.management.commands.country_names.GENERATED_LOCALE_DIR", tmp_path)
    call_command("country_names", language=["ky"], verbosity=0)
    po, mo = tmp_path / "ky" / "LC_MESSAGES" / "django.po", tmp_path / "ky" / "LC_MESSAGES" / "django.mo"
    first = po.read_bytes(), mo.read_bytes()
    call_command("country_names", language=["ky"], verbosity=0)
    assert (po.read_bytes(), mo.read_bytes()) == first
    call_command("country_names", language=["ky"], check=True)
    po.write_text(po.read_text(encoding="utf-8").replace("Казакстан", "Казахстан"), encoding="utf-8")
    with pytest.raises(CommandError, match="Out of date"):
        call_command("country_names", language=["ky"], check=True)


def test_every_country_has_a_kyrgyz_name():
    catalogue = country_names_catalogue("ky")
    for msgid, msgstr in [("Kyrgyzstan", "Кыргызстан"), ("Kazakhstan", "Казакстан"), ("Uzbekistan", "Өзбекстан")]:
        assert f'msgid "{msgid}"\nmsgstr "{msgstr}"' in catalogue
    # CLDR writes Russia as Russian does.
    assert 'msgid "Russia"\nmsgstr "Россия"' in catalogue


def options(html, name):
    select = re.search(rf'<select[^>]* name="{name}"[^>]*>.*?</select>', html, re.S).group(0)
    return [text for value, text in re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', select) if value]


@pytest.mark.django_db
class KyrgyzCountryNamesOnPagesTests:
    @pytest.fixture
    def records(self):
        for code in ("RU", "UZ", "KZ", "KG"):
            OrganisationFactory(country=code)
            EventFactory(country=code)
            RecommendationFactory(review=ReviewFactory(state=code))
        ReportFactory(countries=["RU", "UZ", "KZ", "KG"])

    KYRGYZ_ORDER = ["Казакстан", "Кыргызстан", "Өзбекстан", "Россия"]  # Ө after О, before П

    @pytest.mark.parametrize(
        ("url", "name"),
        [("/ky/partners/", "country"), ("/ky/advocacy/", "country"), ("/ky/reports/", "country")],
    )
    def test_filters_name_and_sort_countries_in_kyrgyz(self, client, records, url, name):
        html = client.get(url).content.decode()
        assert options(html, name) == self.KYRGYZ_ORDER

    def test_the_state_filter_of_recommendations(self, client, records):
        html = client.get("/ky/recommendations/").content.decode()
        assert options(html, "state") == self.KYRGYZ_ORDER
        russian = client.get("/recommendations/").content.decode()
        assert options(russian, "state") == ["Казахстан", "Кыргызстан", "Россия", "Узбекистан"]

    def test_the_dossier_names_the_state_in_kyrgyz(self, client):
        url = RecommendationFactory(review=ReviewFactory(state="KZ")).get_absolute_url()
        html = client.get(f"/ky{url}").content.decode()
        assert "Казакстан" in html and "Казахстан" not in html
        assert "Казахстан" in client.get(url).content.decode()
