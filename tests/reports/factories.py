import factory

from partners.access import Workflow
from reports.models import Report, ReportAuthor
from tests.partners.factories import OrganisationFactory


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    title = factory.Sequence(lambda n: f"Migrant workers report {n}")
    slug = factory.Sequence(lambda n: f"report-{n}")
    kind = Report.Kind.RESEARCH
    summary = "What migrant workers told us."
    published_on = factory.Faker("date_between", start_date="-5y", end_date="today")
    status = Workflow.PUBLISHED


class ReportAuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportAuthor

    report = factory.SubFactory(ReportFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = ReportAuthor.Role.LEAD
