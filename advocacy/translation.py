"""Content fields people write in Russian, English and Kyrgyz (django-modeltranslation).

Their change history is registered here, after the translation fields exist, so that the
historical tables carry every language (django-simple-history's advice for modeltranslation).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Event, EventParticipant


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description", "outcome", "place", "forum")


@register(EventParticipant)
class EventParticipantTranslation(TranslationOptions):
    fields = ("role",)


# Linked items are part of an action's story: their history is kept too (one table per relation).
simple_history.register(
    Event, m2m_fields=["organisers", "addressed_bodies", "reports_presented", "recommendations_promoted"]
)
simple_history.register(EventParticipant)
