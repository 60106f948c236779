"""Content fields people write in Russian, English and Kyrgyz (django-modeltranslation).

Their change history is registered here, after the translation fields exist, so that the
historical tables carry every language (django-simple-history's advice for modeltranslation).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Organisation, Partnership


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "short_name", "description")


@register(Partnership)
class PartnershipTranslation(TranslationOptions):
    fields = ("description",)


simple_history.register(Organisation)
simple_history.register(Partnership)
