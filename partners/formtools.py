"""Form helpers every app's member forms share: what an uploaded file really is, and one-time form tokens.

They live on the lowest floor so that recommendations and advocacy can both use them.

Double submission is stopped in two layers. In the browser, ``static/js/forms.js`` disables the submit
button once the form is sent (a double click sends one request). On the server, each form carries a
one-time token kept in the session: the first successful POST spends it and remembers where it led, and
a second POST with the same token (a reload, the back button, a click that slipped past the script)
creates nothing and is sent to that same page. A token is spent only on success, so a form that fails
validation can be corrected and sent again.
"""

import secrets

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .files import HEAD_BYTES, FileType, ProtectedFileInput, detect_file_type, file_name_for_type
from .ids import parse_ids


def validate_upload(upload):
    """Refuse a file that is too large or is not, by its content, a PDF, a Word document or an image.

    The one check for every upload, the members' forms and the admin's alike (``DocumentFileField``).
    """
    if not upload:
        return
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; files may be at most %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    file_type = _uploaded_file_type(upload)
    if file_type is None or not file_type.is_document:
        raise ValidationError(
            _("“%(name)s” is not a PDF, a Word document or an image."),
            code="file_type",
            params={"name": upload.name},
        )


def _uploaded_file_type(upload) -> FileType | None:
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return detect_file_type(head)


_upload_help_text = lazy(
    lambda: gettext("PDF, Word or an image, up to %(limit)s MB.") % {"limit": settings.MAX_UPLOAD_MB}, str
)


class DocumentFileField(forms.FileField):
    """A file field that checks the file's content and size (see ``validate_upload``) and renames a new
    upload after its content: ``evil.html`` holding a PDF is stored as ``evil.pdf``.

    The members' forms declare it; the admin uses it for every model FileField (``partners.admin``).
    Its "currently" link goes through the model's protected view (``partners/files.py``).
    """

    default_validators = [validate_upload]
    widget = ProtectedFileInput

    def __init__(self, *args, **kwargs):
        # Lazy: declared fields are built once, at import, before any request has chosen a language. The
        # admin passes the model field's help text, empty unless the model gives one.
        if not kwargs.get("help_text"):
            kwargs["help_text"] = _upload_help_text()
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", ".pdf,.doc,.docx,image/*")

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            # Validated above, so the type is one of DOCUMENT_TYPES: the stored name carries its extension.
            value.name = file_name_for_type(value.name, _uploaded_file_type(value))
        return value


SESSION_PENDING = "form_tokens"
SESSION_DONE = "form_tokens_done"
KEEP_TOKENS = 30


def form_token_issue(request) -> str:
    """A fresh token for a form about to be shown."""
    token = secrets.token_urlsafe(16)
    pending = request.session.get(SESSION_PENDING, [])[-(KEEP_TOKENS - 1) :]
    request.session[SESSION_PENDING] = [*pending, token]
    return token


def form_token_state(request, token: str):
    """``("fresh", None)``, ``("spent", url_it_led_to)`` or ``("unknown", None)``."""
    if token and token in request.session.get(SESSION_DONE, {}):
        return "spent", request.session[SESSION_DONE][token]
    if token and token in request.session.get(SESSION_PENDING, []):
        return "fresh", None
    return "unknown", None


def form_token_spend(request, token: str, url: str) -> None:
    """Mark the token used and remember where its form led."""
    pending = [t for t in request.session.get(SESSION_PENDING, []) if t != token]
    done = dict(list(request.session.get(SESSION_DONE, {}).items())[-(KEEP_TOKENS - 1) :])
    done[token] = url
    request.session[SESSION_PENDING] = pending
    request.session[SESSION_DONE] = done


class LookupSelectMultiple(forms.SelectMultiple):
    """A multiple select that renders only the chosen options and names a JSON lookup for the rest.

    With thousands of recommendations a full ``<select>`` would weigh megabytes; ``static/js/picker.js``
    turns this one into a search box that asks ``lookup_url?q=`` and adds what the person picks.
    """

    def __init__(self, lookup_url, attrs=None):
        super().__init__(attrs)
        self.lookup_url = lookup_url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        attrs = context["widget"]["attrs"]
        attrs["data-lookup-url"] = str(self.lookup_url)
        # The script's words, in the page's language.
        attrs["data-placeholder"] = gettext("Type to search…")
        attrs["data-remove-label"] = gettext("Remove")
        attrs["data-no-results"] = gettext("Nothing found.")
        attrs["data-results-label"] = gettext("%(count)s found") % {"count": "{count}"}
        attrs["data-error"] = gettext("The search did not answer; try again.")
        return context

    def optgroups(self, name, value, attrs=None):
        queryset = getattr(self.choices, "queryset", None)
        if queryset is None:
            return super().optgroups(name, value, attrs)
        chosen = parse_ids(value)
        label = self.choices.field.label_from_instance
        return [
            (None, [self.create_option(name, obj.pk, label(obj), True, index, attrs=attrs)], index)
            for index, obj in enumerate(queryset.filter(pk__in=chosen))
        ]


class OneTimeFormMixin:
    """For views whose POST creates or changes something: refuse to do it twice (see the module's note).

    The view renders ``form_token`` in its form (``{% include "includes/_form_token.html" %}``) and calls
    ``form_token_check()`` before it saves and ``form_token_done(url)`` after.
    """

    form_token_field = "form_token"

    def form_token_context(self) -> dict:
        token = self.request.POST.get(self.form_token_field) if self.request.method == "POST" else None
        if not token or form_token_state(self.request, token)[0] != "fresh":
            token = form_token_issue(self.request)
        return {"form_token": token}

    def form_token_check(self):
        """None when the form may be saved; otherwise the response to give instead (or an error string)."""
        token = self.request.POST.get(self.form_token_field, "")
        state, url = form_token_state(self.request, token)
        if state == "spent":
            messages.info(self.request, gettext("This form was already sent; nothing was saved twice."))
            return redirect(url)
        if state == "unknown":
            return gettext("This form has expired. Check what you typed and send it again.")
        return None

    def form_token_done(self, url: str) -> None:
        form_token_spend(self.request, self.request.POST.get(self.form_token_field, ""), url)
