"""Serving uploaded files behind the visibility rule, what a file is by its content, and file links in forms.

Uploads (report files, event attachments, assessment evidence) are never served from the media folder:
each has a view that first finds its object through the model's ``visible_to(user)`` and then hands the
stored file to ``serve_stored_file``. Models with a file say where that view is with ``get_file_url()``;
``ProtectedFileInput`` makes a form's "currently: …" link (the admin's included) point there instead of at
``FieldFile.url``, which nothing serves.

A file's name proves nothing: a PDF can be called ``evil.html``. What a file is comes from its content
(``detect_file_type``), both when it is uploaded (``formtools.validate_upload`` and the safe name it is
stored under) and when it is served: the Content-Type and the name offered follow the content, so a file
stored before these checks, or under a misleading name, is served as what it is.
"""

import os
import re
from dataclasses import dataclass

import filetype
from django.contrib.admin.widgets import AdminFileWidget
from django.db.models.fields.files import FieldFile
from django.forms import ClearableFileInput
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

# What a member or a coordinator may upload, by content: PDF, Word and common images (MIME → label).
DOCUMENT_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/msword": "Word",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WebP",
}
# Types a browser may show in the page; anything else (Word documents, SVG that may carry scripts…)
# is offered as a download.
SHOWN_INLINE = frozenset({"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"})
# Enough of the start of a file for the detector (Word's OOXML is recognised within its first 6,000 bytes).
HEAD_BYTES = 8192
UNKNOWN_EXTENSION = "bin"


@dataclass(frozen=True)
class FileType:
    mime: str
    extension: str

    @property
    def is_document(self) -> bool:
        """One of the types uploads may be (``DOCUMENT_TYPES``)."""
        return self.mime in DOCUMENT_TYPES


def detect_file_type(head: bytes) -> FileType | None:
    """What the file is by its first bytes (filetype's signatures); None when they match no known type."""
    kind = filetype.guess(head)
    return FileType(kind.mime, kind.extension) if kind else None


def file_name_for_type(name: str, file_type: FileType | None) -> str:
    """``name`` with its folder and extension replaced by the detected type's (``bin`` when unknown).

    The stem keeps letters (any script), digits, ``-`` and ``_``; anything else becomes ``-``.
    """
    stem = os.path.splitext(os.path.basename(name))[0]
    stem = re.sub(r"[^\w-]+", "-", stem).strip("-_")[:100] or "file"
    return f"{stem}.{file_type.extension if file_type else UNKNOWN_EXTENSION}"


def stored_file_name(field_file: FieldFile) -> str:
    """The file's name as stored, without its folder (the storage may have added a suffix to keep it unique)."""
    return os.path.basename(field_file.name) if field_file else ""


def serve_stored_file(field_file: FieldFile) -> FileResponse:
    """The stored file, typed and named by its content; 404 when there is none. The caller has checked access.

    A document type is served as itself (PDF and images shown in the page, Word as a download); anything
    else, whatever its stored name says (``.html``, ``.svg`` …), as ``application/octet-stream`` to download,
    named with the extension its content has (``.bin`` when unknown). Always with ``nosniff``.
    """
    if not field_file:
        raise Http404(_("There is no file here."))
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The file is missing.")) from error
    file_type = detect_file_type(handle.read(HEAD_BYTES))
    handle.seek(0)
    content_type = file_type.mime if file_type and file_type.is_document else "application/octet-stream"
    response = FileResponse(
        handle,
        as_attachment=content_type not in SHOWN_INLINE,
        filename=file_name_for_type(stored_file_name(field_file), file_type),
        content_type=content_type,
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
