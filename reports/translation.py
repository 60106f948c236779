"""Content fields people write in Russian, English and Kyrgyz (django-modeltranslation).

Their change history is registered here, after the translation fields exist, so that the
historical tables carry every language (django-simple-history's advice for modeltranslation).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Report


@register(Report)
class ReportTranslation(TranslationOptions):
    fields = ("title", "summary", "method")


# Linked items are part of a report's record: their history is kept too (one table per relation).
simple_history.register(Report, m2m_fields=["themes", "affected_groups", "proposed_recommendations"])
