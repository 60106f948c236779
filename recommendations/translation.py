"""Content fields people write in Russian, English and Kyrgyz (django-modeltranslation).

Their change history is registered here, after the translation fields exist, so that the
historical tables carry every language (django-simple-history's advice for modeltranslation).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import AffectedGroup, Mechanism, Recommendation, SdgTarget, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)


@register(AffectedGroup)
class AffectedGroupTranslation(TranslationOptions):
    fields = ("name",)


@register(SdgTarget)
class SdgTargetTranslation(TranslationOptions):
    fields = ("title",)


@register(Mechanism)
class MechanismTranslation(TranslationOptions):
    fields = ("name",)


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("text",)


simple_history.register(Theme)
simple_history.register(AffectedGroup)
simple_history.register(SdgTarget)
simple_history.register(Mechanism)
# The index a recommendation is filed under changes too: its history is kept (one table per relation).
simple_history.register(
    Recommendation, m2m_fields=["themes", "affected_groups", "sdg_targets", "addressed_bodies", "reflected_in"]
)
