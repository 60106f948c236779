import factory
from django.utils import timezone

from jobs.models import Job
from tests.partners.factories import UserFactory


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job

    owner = factory.SubFactory(UserFactory)
    kind = "tests.sample"
    label = factory.Sequence(lambda n: f"Sample job {n}")
    language = "en"


class DoneJobFactory(JobFactory):
    state = Job.State.DONE
    started_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(seconds=75))
    finished_at = factory.LazyFunction(timezone.now)
    rows_done = 20
    rows_total = 20
