"""Shared fixtures: one user per role, a temporary MEDIA_ROOT, and the four people of the access tests."""

import pytest
from django.conf import settings
from django.utils import translation

from partners.models import Membership
from partners.services import membership_set
from tests.partners.factories import OrganisationFactory, UserFactory

PASSWORD = "correct horse battery staple"


def _database_order(item):
    """0: tests in a rolled-back transaction, 1: transactional (live server) tests, 2: no database."""
    fixtures = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    if "live_server" in fixtures or "transactional_db" in fixtures or (marker and marker.kwargs.get("transaction")):
        return 1
    return 0 if marker or "db" in fixtures else 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run transactional tests after all the others, as pytest-django orders them, once more at the end.

    pytest regroups tests by session-scoped parameters (pytest-playwright's ``browser_name``) after
    pytest-django has sorted them, which can put ordinary database tests after the live-server tests.
    Those flush the database, data migrations' rows included (the Coordinators and Members groups), so
    every test after them that needs the groups would fail. The sort is stable: pytest's grouping stays
    within each of the three runs.
    """
    items.sort(key=_database_order)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (Russian): pytest-django does not reset it, so a request to
    an /en/ page would otherwise leave English active for the next test's reverse() and gettext()."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _fast_hashing_and_fresh_cache(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


# --- background jobs (issue 9): unit tests run every task at once, in the test's own transaction.
@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


# --- end background jobs


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Bir Duino Kyrgyzstan", short_name="BDK", slug="bir-duino")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Mehr Shavkat", short_name="MS", slug="mehr-shavkat")


@pytest.fixture
def member(organisation):
    user = UserFactory(username="member")
    membership_set(user=user, organisation=organisation, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def other_member(other_organisation):
    user = UserFactory(username="other_member")
    membership_set(user=user, organisation=other_organisation, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def coordinator(db):
    user = UserFactory(username="coordinator")
    membership_set(user=user, organisation=OrganisationFactory(slug="platform"), role=Membership.Role.COORDINATOR)
    return user


@pytest.fixture
def people(db, member, other_member, coordinator):
    """The four people every access test tries: name → user (None is the anonymous visitor)."""
    return {"anonymous": None, "other_member": other_member, "member": member, "coordinator": coordinator}


@pytest.fixture
def client_for(client):
    """Log the test client in as one of the people (or not at all, for None)."""

    def _login(user):
        client.logout()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login
