"""Say when a content field is shown in another language than the page's (a modeltranslation fallback).

A Kyrgyz page whose report has a Russian title only shows the Russian title (ky → ru → en): the reader
should know, and a screen reader should pronounce it as Russian. Two tags, used side by side::

    {% load content_language %}
    <h1{% fallback_lang report "title" %}>{{ report.title }}</h1>{% fallback_note report "title" %}

``fallback_lang`` writes ` lang="ru"` on the element holding the text when it fell back (nothing
otherwise); ``fallback_note`` writes a small note, "shown in Russian", in the page's language. Both read
only the fields already loaded: no query.
"""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from partners.translated import content_languages

register = template.Library()

# One sentence per language rather than "shown in %(language)s": a language's name changes its form
# inside a sentence in Russian and Kyrgyz (на русском, орусча).
SHOWN_IN = {"ru": _("shown in Russian"), "en": _("shown in English"), "ky": _("shown in Kyrgyz")}


def shown_language(obj, field: str) -> str:
    """The language whose value of ``field`` the page shows, or "" when none has a value."""
    page = get_language() or settings.LANGUAGE_CODE
    for language in content_languages(page):
        value = getattr(obj, build_localized_fieldname(field, language), None)
        if value not in (None, ""):
            return language
    return ""


def _fallen_back(obj, field: str) -> str:
    if obj is None or obj == "":
        return ""
    language = shown_language(obj, field)
    page = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language and language != page else ""


@register.simple_tag
def fallback_lang(obj, field):
    """` lang="ru"` for the element holding ``obj.<field>`` when the page shows it in another language."""
    language = _fallen_back(obj, field)
    return format_html(' lang="{}"', language) if language else ""


@register.simple_tag
def fallback_note(obj, field):
    """A small "shown in Russian" after ``obj.<field>`` when the page shows it in another language."""
    return shown_in(_fallen_back(obj, field))


@register.simple_tag
def shown_in(language):
    """The note itself, for a row whose view already knows which language its text fell back to ("": none)."""
    if not language:
        return ""
    return format_html(' <small class="fallback-note">({})</small>', SHOWN_IN.get(language, language))
