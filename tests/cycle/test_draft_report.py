"""The draft alternative report (.docx): coordinators only, Word headings, the record's content, LibreOffice."""

import datetime
import io
import shutil
import subprocess

import pytest
from docx import Document

from cycle.models import FollowUp, FollowUpRule
from cycle.services import follow_up_select
from partners.access import Workflow
from recommendations.models import Status
from recommendations.services import assessment_record
from tests.advocacy.factories import EventFactory
from tests.recommendations.factories import MechanismFactory, RecommendationFactory, ReviewFactory, ThemeFactory

from .factories import CycleReviewFactory

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def cycle(coordinator):
    cmw = MechanismFactory(code="CMW")
    FollowUpRule.objects.create(mechanism=cmw, months=24)
    previous = ReviewFactory(mechanism=cmw, year=2015)
    labour = ThemeFactory(key="Labour rights", name_en="Labour rights", name_ru="Трудовые права")
    education = ThemeFactory(key="Education", name_en="Education", name_ru="Образование")
    info = RecommendationFactory(review=previous, paragraph="12", text_en="Inform migrants of their rights.")
    info.themes.add(labour)
    school = RecommendationFactory(review=previous, paragraph="30", text_en="Give migrants' children schooling.")
    school.themes.add(education)
    RecommendationFactory(review=previous, paragraph="40", text_en="Ratify ILO convention 189.")
    assessment_record(
        recommendation=info,
        user=coordinator,
        status=Status.PARTIALLY_IMPLEMENTED,
        assessed_on=datetime.date(2016, 9, 28),
        evidence="Some migrants get information before leaving.",
    )
    EventFactory(title="Side event in Warsaw", starts_on=datetime.date(2016, 9, 28)).recommendations_promoted.add(info)
    EventFactory(title="Draft briefing", status=Workflow.DRAFT).recommendations_promoted.add(info)
    # The 2015 review's own calendar entry holds its follow-up paragraph and the committee's grade.
    old_cycle = CycleReviewFactory(mechanism=cmw, review=previous, review_on=datetime.date(2015, 4, 1), ends_on=None)
    old_cycle.adopted_on = datetime.date(2015, 4, 17)
    old_cycle.save()
    (follow_up,) = follow_up_select(cycle=old_cycle, recommendations=[info])
    FollowUp.objects.filter(pk=follow_up.pk).update(grade=FollowUp.Grade.B)
    return CycleReviewFactory(mechanism=cmw, previous_review=previous)


def _url(cycle, language="en"):
    return f"/en/calendar/reviews/{cycle.pk}/draft-report.docx?language={language}"


def test_access_by_role(cycle, people, client_for):
    assert client_for(None).get(_url(cycle)).status_code == 302
    assert client_for(people["other_member"]).get(_url(cycle)).status_code == 403
    assert client_for(people["member"]).get(_url(cycle)).status_code == 403
    response = client_for(people["coordinator"]).get(_url(cycle))
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert 'filename="draft-alternative-report-cmw-kg-2023-en.docx"' in response["Content-Disposition"]
    assert client_for(people["coordinator"]).get(_url(cycle, "xx")).status_code == 400
    page = client_for(people["coordinator"]).get(f"/en/calendar/reviews/{cycle.pk}/").content.decode()
    assert "draft-report.docx?language=ru" in page
    page = client_for(people["member"]).get(f"/en/calendar/reviews/{cycle.pk}/").content.decode()
    assert "draft-report.docx" not in page


def _document(client, cycle, language="en"):
    response = client.get(_url(cycle, language))
    return Document(io.BytesIO(response.content)), response.content


def test_document_content_read_back(cycle, people, client_for, django_assert_max_num_queries):
    client = client_for(people["coordinator"])
    with django_assert_max_num_queries(20):
        document, _content = _document(client, cycle)
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    names = [name for name, _text in headings]
    assert names[0] == "Title" and "Heading 1" in names and "Heading 2" in names
    texts = [text for _name, text in headings]
    assert "Summary of statuses" in texts and "Recommendations by theme" in texts
    assert texts.index("Education") < texts.index("Labour rights") < texts.index("Without a theme")
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Inform migrants of their rights." in body
    assert "Partially implemented" in body and "Some migrants get information before leaving." in body
    assert "Side event in Warsaw" in body and "Draft briefing" not in body
    assert "B — partially satisfactory" in body and "(computed by rule)" in body
    table = document.tables[0]
    rows = {row.cells[0].text: row.cells[1].text for row in table.rows}
    assert rows["Partially implemented"] == "1" and rows["Not assessed"] == "2" and rows["Total"] == "3"


def test_document_in_russian(cycle, people, client_for):
    document, _content = _document(client_for(people["coordinator"]), cycle, "ru")
    texts = [p.text for p in document.paragraphs]
    assert "Сводка статусов" in texts and "Трудовые права" in texts


def test_document_in_kyrgyz_is_offered_and_written(cycle, people, client_for):
    """Kyrgyz interface text where the catalogue has it; content in Russian until it is written in Kyrgyz."""
    client = client_for(people["coordinator"])
    page = client.get(f"/ky/calendar/reviews/{cycle.pk}/").content.decode()
    assert f"/ky/calendar/reviews/{cycle.pk}/draft-report.docx?language=ky" in page
    document, _content = _document(client, cycle, "ky")
    assert document.core_properties.language == "ky"
    assert "Трудовые права" in [p.text for p in document.paragraphs]


@pytest.mark.skipif(
    not shutil.which("libreoffice"), reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
)
def test_document_opens_in_libreoffice(cycle, people, client_for, tmp_path):
    _document_obj, content = _document(client_for(people["coordinator"]), cycle)
    source = tmp_path / "draft.docx"
    source.write_bytes(content)
    result = subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / "draft.pdf"
    assert pdf.exists(), result.stderr.decode(errors="replace")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000
