"""Lists that scale and answers that validate: cursor pages, filters, languages, CSV, ETag and 304."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from recommendations.models import Recommendation, Status, Theme
from tests.api.test_access import body
from tests.recommendations.factories import ReviewFactory

KZ_NOT_IMPLEMENTED = "/api/v1/recommendations/?mechanism=CMW&state=KZ&status=not_implemented"


@pytest.mark.django_db
def test_the_page_filters_mean_the_same_in_the_api(client, open_data):
    data = client.get(KZ_NOT_IMPLEMENTED).json()
    assert [item["id"] for item in data["results"]] == [open_data["not_implemented"].pk]
    item = data["results"][0]
    assert item["url"] == f"http://testserver/api/v1/recommendations/{item['id']}/"
    assert item["page_url"] == f"http://testserver/recommendations/{item['id']}/"
    assert item["review"]["mechanism"]["code"] == "CMW"
    assert item["review"]["state"] == "KZ"
    assert item["status_label"] == "Не выполнено (регресс)"
    assert [theme["name_en"] for theme in item["themes"]] == ["Migrants' rights"]
    assert [sdg["code"] for sdg in item["sdg_targets"]] == ["10.7"]
    # The list page shows the same recommendations for the same parameters.
    page = client.get("/recommendations/?mechanism=CMW&state=KZ&status=not_implemented")
    assert [row.pk for row in page.context["object_list"]] == [open_data["not_implemented"].pk]


@pytest.mark.django_db
def test_both_languages_and_lang_chooses_the_single_one(client, open_data):
    rec = open_data["not_implemented"]
    russian = client.get(f"/api/v1/recommendations/{rec.pk}/").json()
    english = client.get(f"/api/v1/recommendations/{rec.pk}/?lang=en").json()
    assert russian["text"] == russian["text_ru"] == "Ратифицировать конвенцию МОТ № 189."
    assert english["text"] == english["text_en"] == "Ratify ILO Convention No. 189."
    assert english["text_ru"] == russian["text_ru"]
    assert english["status_label"] == "Not implemented (regressed)"
    assert english["page_url"].endswith(f"/en/recommendations/{rec.pk}/")


@pytest.mark.django_db
def test_the_cursor_walks_every_object_once_at_most_100_a_page(client, db):
    Theme.objects.bulk_create([Theme(key=f"theme {n:03}", name=f"Theme {n}") for n in range(230)])
    url, seen, sizes = "/api/v1/themes/?page_size=500", [], []
    while url:
        data = client.get(url).json()
        sizes.append(len(data["results"]))
        seen += [item["id"] for item in data["results"]]
        url = data["next"]
    assert sizes == [100, 100, 30]
    assert seen == sorted(Theme.objects.values_list("pk", flat=True))
    assert "count" not in data


@pytest.mark.django_db
def test_updated_since_gives_what_changed(client, open_data):
    rec = open_data["recommendations"]["public"][1]
    later = timezone.now() + datetime.timedelta(days=1)
    Recommendation.objects.filter(pk=rec.pk).update(updated_at=later + datetime.timedelta(hours=1))
    since = later.strftime("%Y-%m-%dT%H:%M:%SZ")
    ids = [item["id"] for item in client.get(f"/api/v1/recommendations/?updated_since={since}").json()["results"]]
    assert ids == [rec.pk]
    response = client.get("/api/v1/recommendations/?updated_since=not-a-date")
    assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    "how", [{"path": KZ_NOT_IMPLEMENTED + "&format=csv"}, {"path": KZ_NOT_IMPLEMENTED, "HTTP_ACCEPT": "text/csv"}]
)
def test_the_same_list_as_csv(client, open_data, how):
    path = how.pop("path")
    response = client.get(path, **how)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.streaming
    text = body(response)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][:3] == ["ID", "Механизм", "Государство"]
    assert len(rows) == 2 and rows[1][0] == str(open_data["not_implemented"].pk)
    assert "Ministry of Labour" in text and "SECRET" not in text  # the public body named, the hidden one not
    evidence = rows[1][12]
    assert evidence.startswith("'=HYPERLINK")  # a formula is text in a spreadsheet


@pytest.mark.django_db
def test_an_unchanged_list_answers_304_and_a_change_200(client, open_data):
    first = client.get(KZ_NOT_IMPLEMENTED)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag and modified
    again = client.get(KZ_NOT_IMPLEMENTED, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert client.get(KZ_NOT_IMPLEMENTED, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    # Another filter or another format is another answer.
    assert client.get(KZ_NOT_IMPLEMENTED + "&lang=en", HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert client.get(KZ_NOT_IMPLEMENTED, HTTP_IF_NONE_MATCH=etag, HTTP_ACCEPT="text/csv").status_code == 200
    rec = open_data["not_implemented"]
    rec.text_en = "Ratify ILO Convention No. 189 and No. 97."
    rec.save()
    changed = client.get(KZ_NOT_IMPLEMENTED, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


@pytest.mark.django_db
def test_a_members_etag_never_validates_the_publics_answer(client_for, member, open_data):
    member_etag = client_for(member).get("/api/v1/events/")["ETag"]
    anonymous = client_for(None)
    response = anonymous.get("/api/v1/events/", HTTP_IF_NONE_MATCH=member_etag)
    assert response.status_code == 200
    assert "SECRET" not in body(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "resource", ["recommendations", "assessments", "reports", "events", "organisations", "reviews", "themes"]
)
def test_queries_per_page_do_not_grow_with_the_page_size(client, open_data, django_assert_max_num_queries, resource):
    review = ReviewFactory(state="KZ", year=2020)
    theme = Theme.objects.first()
    recs = Recommendation.objects.bulk_create(
        [
            Recommendation(review=review, paragraph=f"p{n}", text=f"Text {n}", status=Status.IN_PROGRESS)
            for n in range(110)
        ]
    )
    Recommendation.themes.through.objects.bulk_create(
        [Recommendation.themes.through(recommendation=rec, theme=theme) for rec in recs]
    )
    Theme.objects.bulk_create([Theme(key=f"extra {n}", name=f"Extra {n}") for n in range(110)])
    counts = []
    for size in (10, 100):
        with django_assert_max_num_queries(12) as captured:
            assert client.get(f"/api/v1/{resource}/?page_size={size}").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_updated_since_takes_any_iso_offset(client, open_data):
    """Found by schemathesis on PostgreSQL: an offset of +19:08 is ISO 8601 but no PostgreSQL time zone."""
    response = client.get("/api/v1/organisations/?updated_since=2326-04-16T05%3A45%3A32%2B19%3A08")
    assert response.status_code == 200
    assert response.json()["results"] == []
    response = client.get("/api/v1/recommendations/?updated_since=2000-01-01T00%3A00%3A00%2B19%3A08")
    assert len(response.json()["results"]) == 3
    assert client.get("/api/v1/recommendations/?updated_since=0001-01-01T00%3A00%3A00%2B01%3A00").status_code == 400
