"""Reports and their authors: the database's hard rules, who sees drafts, who edits, history."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from partners.access import Workflow, can_edit
from reports.models import Report, ReportAuthor
from tests.reports.factories import ReportAuthorFactory, ReportFactory

pytestmark = pytest.mark.django_db


def as_user(people, name):
    return people[name] or AnonymousUser()


def report_by(organisation, status, **fields):
    report = ReportFactory(status=status, **fields)
    ReportAuthorFactory(report=report, organisation=organisation)
    return report


class ReportAuthorTests:
    def test_an_organisation_is_an_author_of_a_report_once(self, organisation):
        report = report_by(organisation, Workflow.PUBLISHED)
        with pytest.raises(IntegrityError), transaction.atomic():
            ReportAuthorFactory(report=report, organisation=organisation, role=ReportAuthor.Role.PARTNER)

    def test_a_report_has_several_authors_with_their_roles(self, organisation, other_organisation):
        report = report_by(organisation, Workflow.PUBLISHED)
        ReportAuthorFactory(report=report, organisation=other_organisation, role=ReportAuthor.Role.PARTNER, order=1)

        roles = [(a.organisation, a.role) for a in report.authorships.all()]
        assert roles == [(organisation, ReportAuthor.Role.LEAD), (other_organisation, ReportAuthor.Role.PARTNER)]

    def test_an_author_with_reports_cannot_be_deleted(self, organisation):
        report_by(organisation, Workflow.PUBLISHED)
        with pytest.raises(IntegrityError), transaction.atomic():
            organisation.delete()


class ReportVisibilityTests:
    @pytest.mark.parametrize(
        ("person", "expected"),
        [
            ("anonymous", {"published"}),
            ("other_member", {"published", "other draft"}),
            ("member", {"published", "own draft", "own in review"}),
            ("coordinator", {"published", "own draft", "own in review", "other draft", "withdrawn"}),
        ],
    )
    def test_drafts_are_seen_by_their_authors_and_coordinators(
        self, people, organisation, other_organisation, person, expected
    ):
        report_by(organisation, Workflow.PUBLISHED, title="published")
        report_by(organisation, Workflow.DRAFT, title="own draft")
        report_by(organisation, Workflow.IN_REVIEW, title="own in review")
        report_by(other_organisation, Workflow.DRAFT, title="other draft")
        ReportFactory(status=Workflow.WITHDRAWN, title="withdrawn")

        visible = set(Report.objects.visible_to(as_user(people, person)).values_list("title", flat=True))

        assert visible == expected

    def test_a_co_authored_report_appears_once(self, member, organisation, other_organisation):
        report = report_by(organisation, Workflow.PUBLISHED)
        ReportAuthorFactory(report=report, organisation=other_organisation, role=ReportAuthor.Role.PARTNER)

        assert list(Report.objects.visible_to(member)) == [report]

    def test_published_means_published(self, organisation):
        published = report_by(organisation, Workflow.PUBLISHED)
        report_by(organisation, Workflow.IN_REVIEW)

        assert list(Report.objects.published()) == [published]
        assert published.is_published


class ReportEditingTests:
    @pytest.mark.parametrize(
        ("person", "own_draft", "own_published", "other_draft"),
        [
            ("anonymous", False, False, False),
            ("other_member", False, False, True),
            ("member", True, False, False),
            ("coordinator", True, True, True),
        ],
    )
    def test_authors_edit_until_publication_and_coordinators_always(
        self, people, organisation, other_organisation, person, own_draft, own_published, other_draft
    ):
        user = as_user(people, person)
        # "own" reports are by the member's organisation; "other" by other_member's.
        assert report_by(organisation, Workflow.DRAFT).editable_by(user) is own_draft
        assert report_by(organisation, Workflow.PUBLISHED).editable_by(user) is own_published
        assert can_edit(user, report_by(other_organisation, Workflow.DRAFT)) is other_draft


class ReportHistoryTests:
    def test_every_save_leaves_a_history_row(self, organisation):
        report = report_by(organisation, Workflow.DRAFT, title="Women and children affected by migration")
        report.status = Workflow.PUBLISHED
        report.save()

        rows = list(report.history.order_by("history_date").values_list("status", "history_type"))
        assert rows == [(Workflow.DRAFT, "+"), (Workflow.PUBLISHED, "~")]

    def test_authorship_changes_are_kept(self, organisation):
        authorship = report_by(organisation, Workflow.DRAFT).authorships.get()
        authorship.role = ReportAuthor.Role.CO_AUTHOR
        authorship.save()

        assert list(authorship.history.order_by("history_date").values_list("role", flat=True)) == [
            ReportAuthor.Role.LEAD,
            ReportAuthor.Role.CO_AUTHOR,
        ]
