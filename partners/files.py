"""Serving uploaded files behind the visibility rule, and showing their links in forms.

Uploads (report files, event attachments, assessment evidence) are never served from the media folder:
each has a view that first finds its object through the model's ``visible_to(user)`` and then hands the
stored file to ``serve_stored_file``. Models with a file say where that view is with ``get_file_url()``;
``ProtectedFileInput`` makes a form's "currently: …" link (the admin's included) point there instead of at
``FieldFile.url``, which nothing serves.
"""

import mimetypes
import os

from django.contrib.admin.widgets import AdminFileWidget
from django.db.models.fields.files import FieldFile
from django.forms import ClearableFileInput
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

# Types a browser may show in the page; anything else (Word documents, SVG that may carry scripts…)
# is offered as a download.
SHOWN_INLINE = frozenset({"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"})


def stored_file_name(field_file: FieldFile) -> str:
    """The file's name as stored, without its folder (the storage may have added a suffix to keep it unique)."""
    return os.path.basename(field_file.name) if field_file else ""


def serve_stored_file(field_file: FieldFile) -> FileResponse:
    """The stored file with its type and name; 404 when there is none. The caller has checked access."""
    if not field_file:
        raise Http404(_("There is no file here."))
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The file is missing.")) from error
    name = stored_file_name(field_file)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(
        handle, as_attachment=content_type not in SHOWN_INLINE, filename=name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


class _ProtectedLink:
    """What the file widgets' templates read from the current value: ``url`` and its text."""

    def __init__(self, field_file: FieldFile):
        self.field_file = field_file
        self.url = field_file.instance.get_file_url()

    def __str__(self):
        return stored_file_name(self.field_file)


class ProtectedFileInput(ClearableFileInput):
    """A file input whose link to the current file goes through the model's protected view."""

    def format_value(self, value):
        value = super().format_value(value)
        if isinstance(value, FieldFile) and value and getattr(value.instance, "pk", None):
            return _ProtectedLink(value)
        return value


class ProtectedAdminFileWidget(ProtectedFileInput, AdminFileWidget):
    """The admin's file widget, linking to the protected view."""
