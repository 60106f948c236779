"""Content fields people write in Russian, English and Kyrgyz (django-modeltranslation).

Their change history is registered here, after the translation fields exist, so that the
historical tables carry every language (django-simple-history's advice for modeltranslation).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import CycleReview, Deadline, FollowUp, FollowUpRule


@register(CycleReview)
class CycleReviewTranslation(TranslationOptions):
    fields = ("session", "notes")


@register(Deadline)
class DeadlineTranslation(TranslationOptions):
    fields = ("title", "notes")


@register(FollowUp)
class FollowUpTranslation(TranslationOptions):
    fields = ("committee_assessment",)


simple_history.register(CycleReview)
simple_history.register(Deadline)
simple_history.register(FollowUp)
simple_history.register(FollowUpRule)
