"""Helpers for the members' area tests: one-time form tokens and small valid files."""

import io
import re
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def docx_bytes() -> bytes:
    """The smallest zip a detector takes for a Word document: its parts named as Word names them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><document/>')
    return buffer.getvalue()


def form_token(response) -> str:
    match = re.search(rb'name="form_token" value="([^"]+)"', response.content)
    assert match, "the form carries no one-time token"
    return match.group(1).decode()


def pdf_file(name="evidence.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def fake_pdf(name="evidence.pdf"):
    """A text file that only claims to be a PDF."""
    return SimpleUploadedFile(name, b"just some text, not a PDF at all\n" * 10, content_type="application/pdf")
