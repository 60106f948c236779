"""The nightly bulk download: the whole public record as gzip-compressed JSON Lines and CSV files.

One JSON Lines and one CSV file per resource, made exactly as the API answers an anonymous caller
(the same viewsets' querysets, serializers and CSV rows: public data only), and a ``manifest.json``
with the date, the licence, and each file's count of records, size and SHA-256 checksum.

A dump is written into a hidden temporary folder beside the others and renamed into place when it is
complete, so a reader never sees half a dump; the last ``OPENDATA_KEEP`` dumps are kept.
"""

import datetime
import gzip
import hashlib
import io
import json
import re
import shutil
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone, translation
from rest_framework.request import Request
from rest_framework.utils.encoders import JSONEncoder

from partners.csv_export import csv_lines

from . import views

# The resources of a dump, in the order of the manifest: (name, viewset).
RESOURCES = (
    ("recommendations", views.RecommendationViewSet),
    ("assessments", views.AssessmentViewSet),
    ("reviews", views.ReviewViewSet),
    ("mechanisms", views.MechanismViewSet),
    ("reports", views.ReportViewSet),
    ("events", views.EventViewSet),
    ("organisations", views.OrganisationViewSet),
    ("themes", views.ThemeViewSet),
    ("affected-groups", views.AffectedGroupViewSet),
    ("sdg-targets", views.SdgTargetViewSet),
    ("calendar-reviews", views.CycleReviewViewSet),
    ("deadlines", views.DeadlineViewSet),
    ("follow-ups", views.FollowUpViewSet),
)
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
STAMP = re.compile(r"^\d{8}T\d{6}Z$")
FILE_NAME = re.compile(r"^[a-z-]+\.(jsonl|csv)\.gz$|^manifest\.json$")
CHUNK = 1000
VALUES_CHUNK = 5000


def dumps_root() -> Path:
    return Path(settings.MEDIA_ROOT) / settings.OPENDATA_DIR


def _request(base_url: str):
    """An anonymous GET on the site's address, for the serializers' absolute links."""
    base = base_url or "http://localhost"
    secure = base.startswith("https://")
    host = base.split("://", 1)[-1].split("/", 1)[0]
    django_request = RequestFactory().get("/api/v1/", HTTP_HOST=host, secure=secure)
    # The command's own address, given by the operator: not a client's Host header to check against
    # ALLOWED_HOSTS (a dump may well be made on a machine that serves another name).
    django_request.get_host = lambda: host
    django_request.user = AnonymousUser()
    request = Request(django_request)
    request.user = AnonymousUser()
    return request


class _Hashing:
    """A binary file that counts and hashes what is written to it."""

    def __init__(self, path: Path):
        self.handle = path.open("wb")
        self.sha256 = hashlib.sha256()
        self.size = 0

    def write(self, data):
        self.sha256.update(data)
        self.size += len(data)
        return self.handle.write(data)

    def flush(self):
        self.handle.flush()

    def close(self):
        self.handle.close()


def _write_gzip(path: Path, lines) -> dict:
    """Writes text lines gzip-compressed; returns the file's size and checksum and the lines' count."""
    sink = _Hashing(path)
    count = -1 if path.name.endswith(".csv.gz") else 0  # a CSV's first line is its header
    # mtime=0: the same data gives the same bytes, so an unchanged resource keeps its checksum.
    # Level 6, gzip's own default: a third of level 9's time for a few per cent more bytes.
    with (
        gzip.GzipFile(filename="", mode="wb", fileobj=sink, mtime=0, compresslevel=6) as compressed,
        io.TextIOWrapper(compressed, encoding="utf-8", newline="") as text,
    ):
        for line in lines:
            text.write(line)
            count += 1
    sink.close()
    return {"name": path.name, "count": count, "bytes": sink.size, "sha256": sink.sha256.hexdigest()}


def _json_lines(viewset_class, request):
    view = viewset_class(request=request, format_kwarg=None, action="list")
    encoder = JSONEncoder(ensure_ascii=False)
    context = {"request": request, "view": view, "lang": settings.LANGUAGE_CODE}
    queryset = view.get_queryset().order_by("id")
    rows = viewset_class.list_rows
    if rows is not None:
        # The lists the API builds from values() (api/values_rows.py): the same code, in larger chunks.
        rows = rows(user=request.user, context=context)
        queryset = queryset.prefetch_related(None).values(*rows.columns)
    last = 0
    while True:
        # Keyset chunks on the primary key: constant time per chunk, prefetches per chunk.
        chunk = list(queryset.filter(pk__gt=last)[: CHUNK if rows is None else VALUES_CHUNK])
        if not chunk:
            return
        if rows is None:
            items = viewset_class.serializer_class(chunk, many=True, context=context).data
            last = chunk[-1].pk
        else:
            items = rows(chunk)
            last = chunk[-1]["id"]
        for item in items:
            yield encoder.encode(item) + "\n"


def _csv_lines(viewset_class, request, base_url):
    view = viewset_class(request=request, format_kwarg=None, action="list")
    rows = viewset_class.csv_rows(
        view.get_queryset().order_by("id"), user=request.user, language=translation.get_language(), base_url=base_url
    )
    return csv_lines(viewset_class.csv_header, rows)


def public_dump_write(*, base_url: str = "", now: datetime.datetime | None = None, keep: int | None = None) -> Path:
    """Write a complete dump and return its folder; older dumps beyond ``keep`` are removed."""
    now = now or timezone.now()
    stamp = now.astimezone(datetime.UTC).strftime(STAMP_FORMAT)
    root = dumps_root()
    root.mkdir(parents=True, exist_ok=True)
    final = root / stamp
    temporary = root / f".tmp-{stamp}"
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir()
    request = _request(base_url)
    files = []
    try:
        with translation.override(settings.LANGUAGE_CODE):
            for name, viewset_class in RESOURCES:
                jsonl = _write_gzip(temporary / f"{name}.jsonl.gz", _json_lines(viewset_class, request))
                csv_file = _write_gzip(temporary / f"{name}.csv.gz", _csv_lines(viewset_class, request, base_url))
                files += [
                    {"resource": name, "format": "jsonl", **jsonl},
                    {"resource": name, "format": "csv", **csv_file},
                ]
        manifest = {
            "created_at": now.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
            "licence": dict(settings.DATA_LICENCE),
            "source": base_url or None,
            "files": files,
        }
        (temporary / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        if final.exists():
            shutil.rmtree(final)
        temporary.rename(final)  # atomic on one file system: the dump appears whole or not at all
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    _prune(root, settings.OPENDATA_KEEP if keep is None else keep)
    return final


def _prune(root: Path, keep: int):
    stamps = sorted((path for path in root.iterdir() if path.is_dir() and STAMP.match(path.name)), reverse=True)
    for old in stamps[max(keep, 1) :]:
        shutil.rmtree(old, ignore_errors=True)


def published_dumps() -> list[dict]:
    """The complete dumps, newest first, each its manifest plus its stamp."""
    root = dumps_root()
    if not root.is_dir():
        return []
    dumps = []
    for path in sorted(root.iterdir(), reverse=True):
        manifest = path / "manifest.json"
        if not (path.is_dir() and STAMP.match(path.name) and manifest.is_file()):
            continue
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        data["stamp"] = path.name
        dumps.append(data)
    return dumps


def dump_file_path(stamp: str, name: str) -> Path | None:
    """The file of a complete dump, if the names are ones a dump writes (nothing else under MEDIA_ROOT)."""
    if not (STAMP.match(stamp) and FILE_NAME.match(name)):
        return None
    folder = dumps_root() / stamp
    path = folder / name
    if not (folder / "manifest.json").is_file() or not path.is_file():
        return None
    return path
