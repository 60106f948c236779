"""The password-reset form, throttled so that it cannot be used to flood someone's mailbox.

Django's ``PasswordResetView`` sends a mail for every request. Here a request sends one only while both
counters allow it: per client address (``PASSWORD_RESET_MAILS_PER_ADDRESS``, for someone trying many
accounts) and per e-mail address asked for (``PASSWORD_RESET_MAILS_PER_ACCOUNT``, for someone flooding one
person from many addresses). Every request counts, whether an account has that address or not, and the
answer is always the same "check your e-mail" page, so the form still reveals no account.
"""

import logging

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect

from partners.throttle import client_address, throttle_allows

logger = logging.getLogger(__name__)


def password_reset_mail_allowed(*, request, email: str) -> bool:
    """Whether this request may send a reset mail; counts it against both limits."""
    per_address, address_seconds = settings.PASSWORD_RESET_MAILS_PER_ADDRESS
    per_account, account_seconds = settings.PASSWORD_RESET_MAILS_PER_ACCOUNT
    address = client_address(request) or "unknown"
    return throttle_allows(
        scope="password-reset-address", key=address, limit=per_address, seconds=address_seconds
    ) and throttle_allows(
        # Django finds the accounts by e-mail case-insensitively; so does the count.
        scope="password-reset-account",
        key=email.casefold(),
        limit=per_account,
        seconds=account_seconds,
    )


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        if password_reset_mail_allowed(request=self.request, email=form.cleaned_data["email"]):
            return super().form_valid(form)
        logger.warning("Password reset mail withheld (throttled) for client %s", client_address(self.request))
        return HttpResponseRedirect(self.get_success_url())
