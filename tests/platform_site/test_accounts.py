"""Log in, log out, password change and reset, and the lock-out after repeated failures (django-axes)."""

import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.partners.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_login_page_is_in_the_sites_look(client):
    body = client.get("/en/accounts/login/").content.decode()
    assert 'class="site-header"' in body
    assert 'name="username"' in body and 'name="password"' in body
    assert reverse("password_reset").replace("/accounts", "/en/accounts") in body or "password_reset" in body


def test_a_member_logs_in_and_lands_in_the_members_area(client, member):
    response = client.post("/en/accounts/login/", {"username": "member", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/en/members/"
    assert client.get("/en/members/").status_code == 200


LANGUAGE_PREFIXES = [("ru", ""), ("en", "/en"), ("ky", "/ky")]


@pytest.mark.parametrize(("language", "prefix"), LANGUAGE_PREFIXES)
def test_logging_in_and_out_keeps_the_visitors_language(client, member, language, prefix):
    """Issue 13, point 7: the English (or Kyrgyz) log-in page used to land on the Russian members' area."""
    page = client.get(f"{prefix}/accounts/login/").content.decode()
    assert f'<html lang="{language}"' in page
    assert f'action="{prefix}/accounts/login/' in page or 'action=""' in page or "<form method=" in page
    response = client.post(f"{prefix}/accounts/login/", {"username": "member", "password": PASSWORD})
    assert response["Location"] == f"{prefix}/members/"
    assert f'<html lang="{language}"' in client.get(response["Location"]).content.decode()
    response = client.post(f"{prefix}/accounts/logout/")
    assert response["Location"] == f"{prefix}/"
    assert f'<html lang="{language}"' in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(("language", "prefix"), LANGUAGE_PREFIXES)
def test_password_pages_keep_the_visitors_language(client, member, language, prefix):
    client.post(f"{prefix}/accounts/login/", {"username": "member", "password": PASSWORD})
    form = client.get(f"{prefix}/accounts/password_change/")
    assert f'<html lang="{language}"' in form.content.decode()
    new = "a-new-long-passphrase-2016"
    response = client.post(
        f"{prefix}/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response["Location"] == f"{prefix}/accounts/password_change/done/"
    assert f'<html lang="{language}"' in client.get(response["Location"]).content.decode()
    client.post(f"{prefix}/accounts/logout/")

    assert f'<html lang="{language}"' in client.get(f"{prefix}/accounts/password_reset/").content.decode()
    response = client.post(f"{prefix}/accounts/password_reset/", {"email": member.email})
    assert response["Location"] == f"{prefix}/accounts/password_reset/done/"
    assert f'<html lang="{language}"' in client.get(response["Location"]).content.decode()
    link = re.search(r"https?://[^/]+(/\S+/reset/\S+/)", mail.outbox[0].body).group(1)
    assert link.startswith(f"{prefix}/accounts/reset/")
    form_page = client.get(link, follow=True)
    assert f'<html lang="{language}"' in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another-long-passphrase-17", "new_password2": "another-long-passphrase-17"},
    )
    assert done["Location"] == f"{prefix}/accounts/reset/done/"
    assert f'<html lang="{language}"' in client.get(done["Location"]).content.decode()


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


# Behind the reverse proxy every request comes from the proxy's address; the client's is in X-Forwarded-For.
PROXY = "10.0.0.2"
ATTACKER = "203.0.113.5"
COORDINATOR_HOME = "198.51.100.7"


def login_from(client, username, password, *, forwarded_for=None, remote_addr=PROXY):
    headers = {"x-forwarded-for": forwarded_for} if forwarded_for else {}
    return client.post(
        "/en/accounts/login/",
        {"username": username, "password": password},
        headers=headers,
        REMOTE_ADDR=remote_addr,
    )


def test_behind_a_trusted_proxy_an_attacker_locks_the_account_only_for_himself(client, coordinator, settings):
    settings.TRUSTED_PROXIES = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = login_from(client, "coordinator", "wrong", forwarded_for=ATTACKER)
    assert response.status_code == 429
    # Claiming another address in front of the one the proxy appended changes nothing.
    forged = login_from(client, "coordinator", PASSWORD, forwarded_for=f"{COORDINATOR_HOME}, {ATTACKER}")
    assert forged.status_code == 429

    real = login_from(client, "coordinator", PASSWORD, forwarded_for=COORDINATOR_HOME)
    assert real.status_code == 302
    assert real["Location"] == "/en/members/"


def test_the_client_address_is_the_one_the_trusted_proxies_saw(client, member, settings):
    settings.TRUSTED_PROXIES = 2
    # client-supplied, the client as the outer proxy saw it, the outer proxy as the inner one saw it
    login_from(client, "member", "wrong", forwarded_for=f"6.6.6.6, {ATTACKER}, 10.0.0.9")
    assert AccessAttempt.objects.get(username="member").ip_address == ATTACKER


def test_a_request_that_passed_fewer_proxies_than_configured_counts_by_its_own_address(client, member, settings):
    settings.TRUSTED_PROXIES = 2
    login_from(client, "member", "wrong", forwarded_for=ATTACKER)
    assert AccessAttempt.objects.get(username="member").ip_address == PROXY


def test_without_trusted_proxies_a_forged_forwarded_for_is_ignored(client, member, settings):
    settings.TRUSTED_PROXIES = 0
    for number in range(settings.AXES_FAILURE_LIMIT):
        response = login_from(client, "member", "wrong", forwarded_for=f"192.0.2.{number}", remote_addr=ATTACKER)
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    again = login_from(client, "member", PASSWORD, forwarded_for=COORDINATOR_HOME, remote_addr=ATTACKER)
    assert again.status_code == 429


def reset_from(client, email, *, forwarded_for=None, remote_addr=PROXY):
    headers = {"x-forwarded-for": forwarded_for} if forwarded_for else {}
    return client.post("/en/accounts/password_reset/", {"email": email}, headers=headers, REMOTE_ADDR=remote_addr)


def test_password_reset_mails_an_account_once_however_often_it_is_asked(client, member):
    responses = [reset_from(client, member.email, remote_addr=f"192.0.2.{number}") for number in range(6)]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    # Every answer is the same "check your e-mail" page: nothing says a mail was or was not sent.
    assert {(r.status_code, r["Location"]) for r in responses} == {(302, "/en/accounts/password_reset/done/")}


def test_password_reset_from_one_address_sends_at_most_three_mails(client, db):
    users = [UserFactory(username=f"person{number}") for number in range(6)]
    responses = [reset_from(client, user.email, remote_addr=ATTACKER) for user in users]
    assert len(mail.outbox) == 3
    assert {(r.status_code, r["Location"]) for r in responses} == {(302, "/en/accounts/password_reset/done/")}


def test_password_reset_throttle_answers_an_unknown_address_the_same_way(client, member):
    reset_from(client, member.email)
    throttled = reset_from(client, member.email.upper())
    unknown = reset_from(client, "nobody@example.org")
    assert len(mail.outbox) == 1
    assert throttled.status_code == unknown.status_code == 302
    assert throttled["Location"] == unknown["Location"]
    page = client.get(throttled["Location"]).content.decode()
    assert "Check your e-mail" in page


def test_password_reset_counts_each_client_behind_the_proxy_apart(client, settings, db):
    settings.TRUSTED_PROXIES = 1
    users = [UserFactory(username=f"person{number}") for number in range(5)]
    for user in users[:4]:
        reset_from(client, user.email, forwarded_for=ATTACKER)
    assert len(mail.outbox) == 3
    reset_from(client, users[4].email, forwarded_for=COORDINATOR_HOME)
    assert len(mail.outbox) == 4
    assert mail.outbox[-1].to == [users[4].email]


# One IPv6 line (a home router, a rented server) holds a /64 or more: 2^64 addresses to rotate through.
ATTACKER_NETWORK = "2001:db8:5:6::"


def test_an_ipv6_client_cannot_escape_the_lock_by_rotating_addresses_in_its_network(client, coordinator, settings):
    settings.TRUSTED_PROXIES = 1
    for number in range(settings.AXES_FAILURE_LIMIT):
        response = login_from(client, "coordinator", "wrong", forwarded_for=f"{ATTACKER_NETWORK}{number + 1:x}")
    assert response.status_code == 429
    fresh_address = login_from(client, "coordinator", PASSWORD, forwarded_for=f"{ATTACKER_NETWORK}abcd:1234")
    assert fresh_address.status_code == 429
    # Another network is another client.
    assert login_from(client, "coordinator", PASSWORD, forwarded_for="2001:db8:5:7::1").status_code == 302


def test_ipv4_clients_written_by_a_dual_stack_proxy_keep_their_own_addresses(client, member, settings):
    settings.TRUSTED_PROXIES = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = login_from(client, "member", "wrong", forwarded_for=f"::ffff:{ATTACKER}")
    assert response.status_code == 429
    # The same client written without the IPv6 prefix is still locked; another IPv4 client is not.
    assert login_from(client, "member", PASSWORD, forwarded_for=ATTACKER).status_code == 429
    assert login_from(client, "member", PASSWORD, forwarded_for=f"::ffff:{COORDINATOR_HOME}").status_code == 302


def test_password_reset_counts_an_ipv6_network_as_one_client(client, settings, db):
    settings.TRUSTED_PROXIES = 1
    users = [UserFactory(username=f"person{number}") for number in range(5)]
    for number, user in enumerate(users):
        reset_from(client, user.email, forwarded_for=f"{ATTACKER_NETWORK}{number + 1:x}")
    assert len(mail.outbox) == 3


def test_anonymous_page_views_cannot_push_the_reset_mail_counts_out_of_the_cache(client, member, settings):
    # Every query string is a page of its own to the page cache, so anyone can fill it; a cache that also
    # holds the counters would drop them (the oldest first) and the limit would start again from zero.
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        alias: {**config, "OPTIONS": {**config.get("OPTIONS", {}), "MAX_ENTRIES": 10}}
        for alias, config in settings.CACHES.items()
    }
    reset_from(client, member.email)
    for number in range(30):
        assert client.get(f"/en/partners/?page-view={number}").status_code == 200
    assert client.get("/en/partners/?page-view=29")["X-Page-Cache"] == "hit"
    reset_from(client, member.email)
    assert len(mail.outbox) == 1
