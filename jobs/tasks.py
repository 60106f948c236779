"""Tasks of the jobs app: sending an e-mail outside the request that asked for it."""

from django.conf import settings
from django.core.mail import EmailMessage

from .compat import task


@task()
def email_send(*, to: list[str], subject: str, body: str) -> int:
    """Send one plain-text message; the worker retries nothing, the SMTP server's refusal fails the task."""
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to).send()
