"""What the outside test of issue 8 found holding, kept so: security headers on every page (from the page
cache too), a new session at log-in, log-out by POST only, and no way to tell which accounts exist."""

import pytest
from django.conf import settings
from django.core import mail

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def assert_security_headers(response):
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("url", ["/", "/en/partners/", "/en/accounts/login/", "/en/accounts/password_reset/"])
def test_pages_carry_the_security_headers(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_security_headers(response)


def test_a_page_from_the_page_cache_carries_them_too(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    client.get("/en/partners/")
    cached = client.get("/en/partners/")
    assert cached["X-Page-Cache"] == "hit"
    assert_security_headers(cached)


def test_logging_in_starts_a_new_session(client, member):
    client.get("/en/accounts/login/")
    session = client.session
    session["visit"] = "before"
    session.save()
    before = session.session_key
    response = client.post("/en/accounts/login/", {"username": "member", "password": PASSWORD})
    assert response.status_code == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != before


def test_logging_out_needs_a_post(client, member):
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/en/accounts/logout/").status_code == 405
    assert client.get("/en/members/").status_code == 200
    client.post("/en/accounts/logout/")
    assert client.get("/en/members/").status_code == 302


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(client, member):
    wrong = client.post("/en/accounts/login/", {"username": "member", "password": "wrong"})
    unknown = client.post("/en/accounts/login/", {"username": "nobody-here", "password": "wrong"})
    assert wrong.status_code == unknown.status_code == 200
    assert wrong.context["form"].errors == unknown.context["form"].errors


def test_the_reset_form_answers_the_same_for_known_and_unknown_addresses(client, member):
    known = client.post("/en/accounts/password_reset/", {"email": member.email})
    unknown = client.post("/en/accounts/password_reset/", {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1
