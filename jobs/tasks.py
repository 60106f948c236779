"""Tasks of the jobs app: sending an e-mail outside the request that asked for it."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from .compat import task


@task()
def email_send(*, to: list[str], subject: str, body: str, html: str = "", headers: dict | None = None) -> int:
    """Send one message (plain text, with an HTML alternative when given); the worker retries nothing, the SMTP
    server's refusal fails the task."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to, headers=headers or {}
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
