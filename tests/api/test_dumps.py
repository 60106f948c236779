"""The nightly bulk download: complete, public only, checksummed, atomic, pruned, and served."""

import csv
import datetime
import gzip
import hashlib
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from api.dumps import dumps_root, public_dump_write
from recommendations.models import Recommendation
from tests.api.conftest import SECRET


def _dump(**kwargs) -> Path:
    call_command("dump_public_data", "--base-url", "https://portal.example.org", stdout=io.StringIO(), **kwargs)
    return sorted(dumps_root().iterdir())[-1]


@pytest.mark.django_db
def test_the_dump_holds_every_public_record_and_nothing_hidden(open_data):
    folder = _dump()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["licence"]["name"] == "CC BY 4.0"
    files = {item["name"]: item for item in manifest["files"]}
    assert len(files) == 26  # thirteen resources, JSON Lines and CSV each
    for name, item in files.items():
        raw = (folder / name).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == item["sha256"]
        assert len(raw) == item["bytes"]
        text = gzip.decompress(raw).decode("utf-8")
        assert SECRET not in text, name
        if name.endswith(".jsonl.gz"):
            records = [json.loads(line) for line in text.splitlines()]
            assert len(records) == item["count"]
        else:
            rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
            assert len(rows) - 1 == item["count"]
    recommendations = [
        json.loads(line) for line in gzip.decompress((folder / "recommendations.jsonl.gz").read_bytes()).splitlines()
    ]
    assert [item["id"] for item in recommendations] == sorted(r.pk for r in open_data["recommendations"]["public"])
    assert recommendations[0]["url"].startswith("https://portal.example.org/api/v1/recommendations/")
    assert files["events.jsonl.gz"]["count"] == 1
    assert files["reports.csv.gz"]["count"] == 1
    # The calendar: the public review, its deadlines and graded paragraph; no draft or members-only entry.
    for resource in ("calendar-reviews", "deadlines", "follow-ups"):
        lines = gzip.decompress((folder / f"{resource}.jsonl.gz").read_bytes()).splitlines()
        assert sorted(json.loads(line)["id"] for line in lines) == sorted(o.pk for o in open_data[resource]["public"])
        assert files[f"{resource}.csv.gz"]["count"] == len(open_data[resource]["public"])


@pytest.mark.django_db
def test_dumps_are_atomic_and_the_last_few_are_kept(open_data, settings):
    settings.OPENDATA_KEEP = 2
    start = datetime.datetime(2026, 1, 1, 2, 15, tzinfo=datetime.UTC)
    for day in range(4):
        public_dump_write(now=start + datetime.timedelta(days=day))
    names = sorted(path.name for path in dumps_root().iterdir())
    assert names == ["20260103T021500Z", "20260104T021500Z"]  # no temporary folder left behind


@pytest.mark.django_db
def test_a_failed_dump_leaves_nothing_half_written(open_data, monkeypatch):
    from api import dumps

    def broken(*args, **kwargs):
        yield "{}\n"
        raise RuntimeError("disk full")

    monkeypatch.setattr(dumps, "_csv_lines", broken)
    with pytest.raises(RuntimeError):
        public_dump_write()
    assert list(dumps_root().iterdir()) == []


@pytest.mark.django_db
def test_dumps_are_listed_and_served(client, open_data):
    folder = _dump()
    listing = client.get("/api/v1/dumps/").json()["dumps"]
    assert [dump["stamp"] for dump in listing] == [folder.name]
    file_url = next(item["url"] for item in listing[0]["files"] if item["name"] == "recommendations.csv.gz")
    response = client.get(file_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/gzip"
    assert b"".join(response.streaming_content) == (folder / "recommendations.csv.gz").read_bytes()
    assert client.get(f"/api/v1/dumps/{folder.name}/manifest.json").status_code == 200
    html = client.get("/en/api/").content.decode()
    assert "recommendations.jsonl.gz" in html and "Latest download" in html


@pytest.mark.django_db
def test_only_dump_files_are_served(client, open_data, media_root):
    folder = _dump()
    (Path(media_root) / "reports").mkdir(parents=True)
    (Path(media_root) / "reports" / "draft.pdf").write_bytes(b"%PDF secret")
    for path in (
        f"/api/v1/dumps/{folder.name}/..%2F..%2Freports%2Fdraft.pdf",
        f"/api/v1/dumps/{folder.name}/draft.pdf",
        "/api/v1/dumps/../reports/draft.pdf",
        f"/api/v1/dumps/{folder.name}/other.csv.gz",
        "/api/v1/dumps/20990101T000000Z/recommendations.csv.gz",
    ):
        assert client.get(path).status_code == 404, path


@pytest.mark.django_db
@pytest.mark.parametrize("resource", ["recommendations", "assessments", "events", "reports"])
def test_dump_records_are_exactly_what_the_api_answers(client, open_data, resource):
    """The dump (lists built from values(): api/values_rows.py) and the detail serializers give the same objects."""
    rec = open_data["recommendations"]["public"][2]
    Recommendation.objects.filter(pk=rec.pk).update(text_ru="", text_en="Inform migrants.", upr_response="noted")
    english_only = client.get(f"/api/v1/recommendations/{rec.pk}/").json()
    assert english_only["text"] == "Inform migrants." and english_only["text_ru"] == ""  # the fallback
    folder = public_dump_write(base_url="http://testserver")
    lines = gzip.decompress((folder / f"{resource}.jsonl.gz").read_bytes()).decode().splitlines()
    dumped = [json.loads(line) for line in lines]
    assert dumped, resource
    for item in dumped:
        assert item == client.get(f"/api/v1/{resource}/{item['id']}/").json(), item["id"]
