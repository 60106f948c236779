"""Content fields people write in Russian and English (django-modeltranslation).

Their change history is registered here, after the translation fields exist, so that the
historical tables carry both languages (django-simple-history's advice for modeltranslation).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Report


@register(Report)
class ReportTranslation(TranslationOptions):
    fields = ("title", "summary", "method")


simple_history.register(Report)
