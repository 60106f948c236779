"""Reading translated content in SQL: a field in one language, with modeltranslation's fallbacks."""

from django.conf import settings
from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, NullIf
from modeltranslation.utils import resolution_order


def content_languages(language: str) -> list[str]:
    """The content columns to read for ``language``, in order: it and its fallbacks, among those stored.

    An interface language need not have content columns of its own (Kyrgyz pages show Russian text until
    the content is stored in Kyrgyz)."""
    return [code for code in resolution_order(language) if code in settings.MODELTRANSLATION_LANGUAGES]


def translated(field: str, language: str):
    """The field in ``language``, falling back as the pages do; "" when every language is empty."""
    parts = [NullIf(F(f"{field}_{code}"), Value("")) for code in content_languages(language)]
    return Coalesce(*parts, Value(""), output_field=CharField())
