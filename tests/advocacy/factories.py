import datetime

import factory

from advocacy.models import Event, EventAttachment, EventLink, EventParticipant
from partners.access import Workflow
from tests.partners.factories import OrganisationFactory


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Side event {n}")
    kind = Event.Kind.SIDE_EVENT
    starts_on = datetime.date(2016, 9, 28)
    place = "Warsaw"
    country = "PL"
    forum = "OSCE HDIM"
    status = Workflow.PUBLISHED
    visibility = Event.Visibility.PUBLIC
    owner = factory.SubFactory(OrganisationFactory)


class EventParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventParticipant

    event = factory.SubFactory(EventFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "speaker"


class EventLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventLink

    event = factory.SubFactory(EventFactory)
    url = factory.Sequence(lambda n: f"https://example.org/news/{n}")
    title = factory.Sequence(lambda n: f"Press coverage {n}")


class EventAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventAttachment

    event = factory.SubFactory(EventFactory)
    file = factory.django.FileField(filename="programme.pdf", data=b"%PDF-1.4 programme")
    title = "Programme"
