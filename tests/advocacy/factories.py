import datetime

import factory

from advocacy.models import Event
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
