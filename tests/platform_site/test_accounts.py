"""Log in, log out, password change and reset, and the lock-out after repeated failures (django-axes)."""

import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_login_page_is_in_the_sites_look(client):
    body = client.get("/en/accounts/login/").content.decode()
    assert 'class="site-header"' in body
    assert 'name="username"' in body and 'name="password"' in body
    assert reverse("password_reset").replace("/accounts", "/en/accounts") in body or "password_reset" in body


def test_a_member_logs_in_and_lands_in_the_members_area(client, member):
    response = client.post("/en/accounts/login/", {"username": "member", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/members/"
    assert client.get("/en/members/").status_code == 200


def test_login_follows_next(client, member):
    response = client.post(
        "/en/accounts/login/", {"username": "member", "password": PASSWORD, "next": "/en/advocacy/new/"}
    )
    assert response["Location"] == "/en/advocacy/new/"


def test_logout_is_a_post_and_shows_a_page(client, member):
    client.post("/en/accounts/login/", {"username": "member", "password": PASSWORD})
    response = client.post("/en/accounts/logout/")
    assert response.status_code in (200, 302)
    assert client.get("/en/members/").status_code == 302


def test_password_change(client, member):
    assert client.get("/en/accounts/password_change/").status_code == 302
    client.post("/en/accounts/login/", {"username": "member", "password": PASSWORD})
    response = client.post(
        "/en/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-long-passphrase-2016",
            "new_password2": "a-new-long-passphrase-2016",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("a-new-long-passphrase-2016")
    assert "Password changed" in client.get(response["Location"]).content.decode()


def test_password_reset_by_email(client, member):
    response = client.post("/en/accounts/password_reset/", {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert 'name="new_password1"' in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another-long-passphrase-17", "new_password2": "another-long-passphrase-17"},
    )
    assert done.status_code == 302
    member.refresh_from_db()
    assert member.check_password("another-long-passphrase-17")


def test_a_failed_login_is_recorded_by_axes(client, member):
    response = client.post("/en/accounts/login/", {"username": "member", "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert AccessAttempt.objects.get(username="member").failures_since_start == 1


def test_repeated_failures_lock_the_account_with_a_clear_message(client, member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post("/en/accounts/login/", {"username": "member", "password": "wrong"}).status_code == 200
    locked = client.post("/en/accounts/login/", {"username": "member", "password": "wrong"})
    assert locked.status_code == 429
    body = locked.content.decode().replace("\xa0", " ")
    assert "Account locked for a while" in body
    assert "1 hour" in body
    assert 'class="site-header"' in body

    # Even the right password is refused while the lock lasts.
    again = client.post("/en/accounts/login/", {"username": "member", "password": PASSWORD})
    assert again.status_code == 429
    assert client.get("/en/members/").status_code == 302


def test_the_lock_out_message_speaks_the_visitors_language(client, member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/accounts/login/", {"username": "member", "password": "wrong"})
    assert response.status_code == 429
    assert '<html lang="ru">' in response.content.decode()


def test_the_lock_is_per_user_name(client, member, other_member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/en/accounts/login/", {"username": "member", "password": "wrong"})
    response = client.post("/en/accounts/login/", {"username": "other_member", "password": PASSWORD})
    assert response.status_code == 302
