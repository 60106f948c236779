import datetime

import factory

from recommendations.models import (
    AffectedGroup,
    Mechanism,
    Recommendation,
    Review,
    SdgTarget,
    Status,
    StatusAssessment,
    Theme,
)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"Theme {n}")
    name = factory.LazyAttribute(lambda t: t.key)


class AffectedGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AffectedGroup
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"Group {n}")
    name = factory.LazyAttribute(lambda t: t.key)


class SdgTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SdgTarget
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"8.{n}")
    title = factory.Sequence(lambda n: f"Target {n}")


class MechanismFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mechanism
        django_get_or_create = ("code",)

    code = "CMW"
    name = "Committee on Migrant Workers"
    kind = Mechanism.Kind.TREATY_BODY


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    mechanism = factory.SubFactory(MechanismFactory)
    state = "KG"
    year = 2015
    document_symbol = factory.Sequence(lambda n: f"CMW/C/KGZ/CO/{n + 1}")


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    review = factory.SubFactory(ReviewFactory)
    paragraph = factory.Sequence(lambda n: str(n + 1))
    text = factory.Sequence(lambda n: f"Ensure that migrant workers have access to information, case {n}.")


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusAssessment

    recommendation = factory.SubFactory(RecommendationFactory)
    status = Status.IN_PROGRESS
    assessed_on = datetime.date(2020, 1, 1)
    evidence = "The law was amended."
    state = StatusAssessment.State.PROPOSED
