"""Country names as UN documents and the UN Human Rights Index write them → ISO 3166 codes.

django-countries knows the short English and Russian names ("Russia", "Moldova"); UN exports use the
official UN names ("Russian Federation", "Republic of Moldova", "Bolivia (Plurinational State of)").
"""

import re
import unicodedata
from functools import cache

from django.utils import translation
from django_countries import countries

# Official UN short names that differ from django-countries' English names.
UN_NAMES = {
    "Bolivia (Plurinational State of)": "BO",
    "Bosnia-Herzegovina": "BA",
    "Brunei Darussalam": "BN",
    "Cabo Verde": "CV",
    "Congo": "CG",
    "Côte d'Ivoire": "CI",
    "Czech Republic": "CZ",
    "Democratic People's Republic of Korea": "KP",
    "Democratic Republic of the Congo": "CD",
    "Eswatini": "SZ",
    "Holy See": "VA",
    "Iran (Islamic Republic of)": "IR",
    "Kyrgyz Republic": "KG",
    "Lao People's Democratic Republic": "LA",
    "Micronesia (Federated States of)": "FM",
    "Netherlands (Kingdom of the)": "NL",
    "North Macedonia": "MK",
    "Republic of Korea": "KR",
    "Republic of Moldova": "MD",
    "Russian Federation": "RU",
    "State of Palestine": "PS",
    "Syrian Arab Republic": "SY",
    "The former Yugoslav Republic of Macedonia": "MK",
    "Turkey": "TR",
    "Türkiye": "TR",
    "United Kingdom of Great Britain and Northern Ireland": "GB",
    "United Republic of Tanzania": "TZ",
    "United States of America": "US",
    "Venezuela (Bolivarian Republic of)": "VE",
    "Viet Nam": "VN",
}


def normalise(name: str) -> str:
    name = unicodedata.normalize("NFKC", name).replace("’", "'").replace("`", "'")
    return re.sub(r"\s+", " ", name).strip().casefold()


@cache
def _lookup() -> dict:
    table = {}
    for language in ("en", "ru", "ky"):
        with translation.override(language):
            for code, name in countries:
                table.setdefault(normalise(str(name)), code)
    for code in countries:
        table.setdefault(normalise(code.code), code.code)
        table.setdefault(normalise(countries.alpha3(code.code) or code.code), code.code)
    for name, code in UN_NAMES.items():
        table[normalise(name)] = code
    return table


def country_code(name: str) -> str | None:
    """The ISO code of a country name in English, Russian, Kyrgyz or UN style; None when unknown."""
    if not name or not name.strip():
        return None
    table = _lookup()
    key = normalise(name)
    if key in table:
        return table[key]
    # "Bolivia (Plurinational State of)" style names not in the list: try the part before the bracket.
    bare = re.sub(r"\s*\(.*\)\s*$", "", key)
    return table.get(bare)
