"""The two roles: the groups the roles migration creates and what their permissions allow."""

import pytest
from django.contrib.auth.models import Group, Permission

from partners.access import COORDINATORS_GROUP, MEMBERS_GROUP

PORTAL_APPS = ("partners", "recommendations", "reports", "advocacy")


@pytest.mark.django_db
def test_both_groups_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= {COORDINATORS_GROUP, MEMBERS_GROUP}


@pytest.mark.django_db
def test_coordinators_may_curate_everything_of_the_portal_apps():
    granted = set(
        Group.objects.get(name=COORDINATORS_GROUP).permissions.values_list("content_type__app_label", "codename")
    )
    every_portal_permission = set(
        Permission.objects.filter(content_type__app_label__in=PORTAL_APPS).values_list(
            "content_type__app_label", "codename"
        )
    )

    assert every_portal_permission <= granted


@pytest.mark.django_db
@pytest.mark.parametrize(
    "permission",
    [
        "recommendations.change_recommendation",
        "recommendations.change_statusassessment",
        "reports.publish_report",
        "reports.change_report",
        "advocacy.publish_event",
        "partners.change_membership",
        "auth.change_user",
        "auth.add_user",
    ],
)
def test_a_coordinator_has_what_curation_needs(coordinator, permission):
    assert coordinator.has_perm(permission)


@pytest.mark.django_db
@pytest.mark.parametrize("permission", ["auth.change_group", "auth.change_permission", "auth.delete_user"])
def test_a_coordinator_cannot_hand_out_raw_permissions(coordinator, permission):
    assert not coordinator.has_perm(permission)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "permission",
    [
        "advocacy.add_event",
        "advocacy.add_eventparticipant",
        "advocacy.add_eventlink",
        "advocacy.add_eventattachment",
        "recommendations.add_statusassessment",
        "recommendations.view_recommendation",
        "reports.add_report",
    ],
)
def test_a_member_may_record_actions_and_propose_assessments(member, permission):
    assert member.has_perm(permission)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "permission",
    [
        "recommendations.change_recommendation",
        "recommendations.change_statusassessment",
        "reports.publish_report",
        "advocacy.publish_event",
        "partners.change_membership",
        "auth.change_user",
    ],
)
def test_a_member_cannot_curate(member, permission):
    assert not member.has_perm(permission)


@pytest.mark.django_db
def test_members_delete_nothing():
    codenames = Group.objects.get(name=MEMBERS_GROUP).permissions.values_list("codename", flat=True)

    assert [codename for codename in codenames if codename.startswith("delete_")] == []


@pytest.mark.django_db
def test_a_member_is_not_staff(member):
    """Members work in the portal; the back-office is the coordinators' (see test_admin)."""
    assert not member.is_staff
    assert member.groups.filter(name=MEMBERS_GROUP).exists()
    assert not member.groups.filter(name=COORDINATORS_GROUP).exists()
