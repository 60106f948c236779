"""The status workbook: content matches the filtered list, headers in both languages, sheets, escaping, access."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from recommendations.models import Mechanism, Recommendation, Status, StatusAssessment
from recommendations.services import assessment_record
from tests.recommendations.factories import (
    AssessmentFactory,
    MechanismFactory,
    RecommendationFactory,
    ReviewFactory,
    ThemeFactory,
)


def workbook(response):
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def rows(ws):
    values = list(ws.iter_rows(values_only=True))
    header, body = values[0], values[1:]
    return [dict(zip(header, row, strict=False)) for row in body]


@pytest.fixture
def data(db, coordinator):
    cmw = ReviewFactory(mechanism=MechanismFactory(code="CMW"), document_symbol="CMW/C/KGZ/CO/1", year=2015)
    cescr = ReviewFactory(
        mechanism=MechanismFactory(code="CESCR", name="CESCR"), document_symbol="E/C.12/KGZ/CO/2-3", year=2015
    )
    theme = ThemeFactory(key="Labour rights", name_ru="Трудовые права", name_en="Labour rights")
    first = RecommendationFactory(review=cmw, paragraph="10", text="Ratify ILO Convention 189.")
    first.themes.add(theme)
    assessment_record(
        recommendation=first,
        user=coordinator,
        status=Status.IN_PROGRESS,
        assessed_on=datetime.date(2020, 5, 1),
        evidence="Draft law in parliament.",
    )
    second = RecommendationFactory(review=cmw, paragraph="11", text='=HYPERLINK("http://evil")')
    hidden = RecommendationFactory(review=cmw, paragraph="12", text="Members only ask.", is_public=False)
    other = RecommendationFactory(review=cescr, paragraph="5", text="Ensure social security for migrants.")
    AssessmentFactory(recommendation=second, status=Status.IMPLEMENTED, state=StatusAssessment.State.PROPOSED)
    return {"first": first, "second": second, "hidden": hidden, "other": other, "theme": theme}


def test_workbook_matches_filtered_list_with_sheets_and_english_headers(client_for, coordinator, data):
    client = client_for(coordinator)
    response = client.get("/en" + reverse("recommendations:export").removeprefix("/en") + "?mechanism=CMW")
    wb = workbook(response)
    assert wb.sheetnames[:3] == ["Recommendations", "Assessments", "Summary"]
    ws = wb["Recommendations"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref.startswith("A1:")
    assert ws["A1"].font.b
    recs = rows(ws)
    assert [r["ID"] for r in recs] == [data["first"].pk, data["second"].pk, data["hidden"].pk]
    first = recs[0]
    assert first["Mechanism"] == "CMW"
    assert first["Document symbol"] == "CMW/C/KGZ/CO/1"
    assert first["Themes"] == "Labour rights"
    assert first["Current status"] == "In progress"
    assert first["Status date"] == datetime.datetime(2020, 5, 1)
    assert first["Evidence"] == "Draft law in parliament."
    assert first["Dossier"].endswith(f"/en/recommendations/{data['first'].pk}/")
    assert first["State"] == "Kyrgyzstan"
    # The list page shows the same recommendations for the same filters.
    list_response = client.get("/en/recommendations/?mechanism=CMW")
    shown = {rec.pk for rec in list_response.context["object_list"]}
    assert shown == {r["ID"] for r in recs}
    # Status is a drop-down list.
    validations = ws.data_validations.dataValidation
    assert validations and validations[0].type == "list"
    assessments = rows(wb["Assessments"])
    assert {a["Recommendation ID"] for a in assessments} == {data["first"].pk, data["second"].pk}
    summary = list(wb["Summary"].iter_rows(values_only=True))
    assert any(row and row[0] == "Mechanism" for row in summary)
    assert any(row and row[0] == "CMW" and row[-1] == 3 for row in summary)
    assert ("Mechanism", "CMW") in [tuple(row[:2]) for row in summary if row]
    assert "cmw" in response["Content-Disposition"]


def test_russian_headers(client_for, coordinator, data):
    wb = workbook(client_for(coordinator).get(reverse("recommendations:export")))
    with translation.override("ru"):
        from django.utils.translation import gettext

        expected = gettext("Current status")
    header = [c.value for c in wb.worksheets[0][1]]
    assert expected in header


def test_formulas_are_written_as_text(client_for, coordinator, data):
    wb = workbook(client_for(coordinator).get(reverse("recommendations:export")))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    text_column = header.index(ws["G1"].value) + 1
    for row in ws.iter_rows(min_row=2):
        if row[0].value == data["second"].pk:
            cell = row[text_column - 1]
            assert cell.value == '=HYPERLINK("http://evil")'
            assert cell.data_type == "s"
            assert cell.quotePrefix
            break
    else:
        pytest.fail("row missing")


@pytest.mark.parametrize(
    ("person", "sees_hidden", "sees_proposal"),
    [("anonymous", False, False), ("other_member", True, False), ("member", True, False), ("coordinator", True, True)],
)
def test_who_may_export_what(client_for, people, data, person, sees_hidden, sees_proposal):
    wb = workbook(client_for(people[person]).get(reverse("recommendations:export")))
    ids = {r[wb.worksheets[0]["A1"].value] for r in rows(wb.worksheets[0])}
    assert (data["hidden"].pk in ids) is sees_hidden
    assert data["first"].pk in ids
    states = {r[wb.worksheets[1]["I1"].value] for r in rows(wb.worksheets[1])}
    with translation.override("ru"):
        proposed = str(StatusAssessment.State.PROPOSED.label)
    assert (proposed in states) is sees_proposal


def test_constant_number_of_queries(client_for, coordinator, data, django_assert_max_num_queries):
    client = client_for(coordinator)
    client.get(reverse("recommendations:export"))  # warm caches (country names, session)
    with django_assert_max_num_queries(16) as few:
        client.get(reverse("recommendations:export"))
    small = len(few.captured_queries)
    review = data["first"].review
    for n in range(30):
        rec = RecommendationFactory(review=review, paragraph=f"x{n}")
        rec.themes.add(data["theme"])
        AssessmentFactory(recommendation=rec, state=StatusAssessment.State.CONFIRMED)
    with django_assert_max_num_queries(small):
        client.get(reverse("recommendations:export"))


def test_management_command_with_filters(tmp_path, data):
    out = tmp_path / "cmw.xlsx"
    call_command("export_recommendations", str(out), "--mechanism", "CESCR", "--language", "en")
    wb = openpyxl.load_workbook(out)
    recs = rows(wb["Recommendations"])
    assert [r["ID"] for r in recs] == [data["other"].pk]
    # Members-only data only with --all; the command exports what the public sees by default.
    call_command("export_recommendations", str(out), "--mechanism", "CMW", "--language", "en")
    ids = {r["ID"] for r in rows(openpyxl.load_workbook(out)["Recommendations"])}
    assert data["hidden"].pk not in ids
    call_command("export_recommendations", str(out), "--mechanism", "CMW", "--all", "--language", "en")
    ids = {r["ID"] for r in rows(openpyxl.load_workbook(out)["Recommendations"])}
    assert data["hidden"].pk in ids
    assert Recommendation.objects.count() == 4


def test_admin_actions_export_the_selection(client_for, coordinator, data):
    client = client_for(coordinator)
    url = reverse("admin:recommendations_recommendation_changelist")
    selected = [data["first"].pk, data["hidden"].pk]
    response = client.post(url, {"action": "export_status_workbook", "_selected_action": selected})
    wb = workbook(response)
    assert sorted(r[wb.worksheets[0]["A1"].value] for r in rows(wb.worksheets[0])) == sorted(selected)
    # django-import-export's own export of a selection (CSV here) escapes every formula-like text.
    response = client.post(
        url, {"action": "export_admin_action", "_selected_action": [data["second"].pk], "format": "0"}
    )
    assert response.status_code == 200
    page = client.get(url)
    assert page.status_code == 200


def test_import_export_resource_escapes_every_formula_prefix(coordinator, data):
    from recommendations.resources import RecommendationStatusResource

    for prefix in ("+", "-", "@", "\t"):
        RecommendationFactory(review=data["first"].review, text=f"{prefix}SUM(A1:A2)")
    dataset = RecommendationStatusResource(user=coordinator).export(Recommendation.objects.all())
    texts = [row[dataset.headers.index(str(dataset.headers[6]))] for row in dataset]
    assert '\'=HYPERLINK("http://evil")' in texts
    for prefix in ("+", "-", "@", "\t"):
        assert f"'{prefix}SUM(A1:A2)" in texts
    assert "Ratify ILO Convention 189." in texts


def test_list_links_to_the_export_with_its_filters(client_for, coordinator, member, data):
    page = client_for(member).get("/en/recommendations/?mechanism=CMW").content.decode()
    assert 'href="/en/recommendations/export.xlsx?mechanism=CMW"' in page
    assert "/en/recommendations/import/" not in page
    assert "/en/recommendations/import/" in client_for(coordinator).get("/en/recommendations/").content.decode()


def test_filters_with_computed_choices_are_named_on_the_summary(client_for, coordinator, data):
    # State and year offer choices computed from the data: naming them on the Summary sheet gave a 500.
    data["first"].review.state = "KG"
    data["first"].review.save()
    client = client_for(coordinator)
    wb = workbook(client.get("/en" + reverse("recommendations:export").removeprefix("/en") + "?state=KG&year=2015"))
    summary = [row for row in wb["Summary"].iter_rows(values_only=True) if row and row[0] in ("State", "Year")]
    assert ("State", "Kyrgyzstan") in [row[:2] for row in summary]
    assert ("Year", "2015") in [row[:2] for row in summary]


def test_a_chosen_mechanism_is_named_by_its_label_in_the_menu_summary_and_file_name(client_for, coordinator):
    osce = MechanismFactory(code="OSCE_ODIHR", kind=Mechanism.Kind.OSCE)
    asks = MechanismFactory(code="PLATFORM", kind=Mechanism.Kind.PLATFORM, name_en="The platform's own asks")
    for mechanism in (osce, asks):
        RecommendationFactory(review=ReviewFactory(mechanism=mechanism, year=2024))
    client = client_for(coordinator)
    page = client.get("/en/recommendations/", {"mechanism": "OSCE_ODIHR"}).content.decode()
    assert '<option value="OSCE_ODIHR" selected>OSCE/ODIHR</option>' in page
    assert '<option value="PLATFORM">The platform&#x27;s own asks</option>' in page
    for code, label, in_name in (
        ("OSCE_ODIHR", "OSCE/ODIHR", "osceodihr"),
        ("PLATFORM", "The platform's own asks", "own-asks"),
    ):
        response = client.get("/en/recommendations/export.xlsx", {"mechanism": code})
        summary = [tuple(row[:2]) for row in workbook(response)["Summary"].iter_rows(values_only=True) if row]
        assert ("Mechanism", label) in summary
        assert in_name in response["Content-Disposition"]
