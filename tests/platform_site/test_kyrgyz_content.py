"""Content in three languages: the fallback chain and its note, Kyrgyz search, translated places and roles."""

import re

import pytest
from django.utils import translation

from tests.advocacy.factories import EventFactory, EventParticipantFactory
from tests.partners.factories import OrganisationFactory
from tests.recommendations.factories import RecommendationFactory, ThemeFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db


def page(client, obj, language):
    with translation.override(language):
        response = client.get(obj.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_kyrgyz_page_shows_russian_content_with_a_note_and_its_language(client):
    report = ReportFactory(title_ru="Женщины и дети", title_en="Women and children", summary_ru="Интервью с женщинами")
    html = page(client, report, "ky")
    assert '<html lang="ky"' in html
    assert re.search(r'<h1 lang="ru">Женщины и дети</h1>\s*<small class="fallback-note">', html)
    assert '<div class="prose" lang="ru"><p>Интервью с женщинами</p></div>' in html
    assert html.count('class="fallback-note"') == 2


def test_with_kyrgyz_content_there_is_no_note(client):
    report = ReportFactory(title_ru="Женщины и дети", title_ky="Аялдар жана балдар", summary_ru="", summary_ky="Маек")
    html = page(client, report, "ky")
    assert "<h1>Аялдар жана балдар</h1>" in html
    assert "fallback-note" not in html


def test_the_chain_ky_ru_en_and_ru_en_and_en_ru(client):
    english_only = ReportFactory(title_ru="", title_en="Labour migrants in Kazakhstan", summary_ru="")
    assert '<h1 lang="en">Labour migrants in Kazakhstan</h1>' in page(client, english_only, "ky")  # ky → ru → en
    assert '<h1 lang="en">Labour migrants in Kazakhstan</h1>' in page(client, english_only, "ru")
    assert "<h1>Labour migrants in Kazakhstan</h1>" in page(client, english_only, "en")
    russian_only = ReportFactory(title_ru="Трудовые мигранты", title_en="", summary_ru="")
    html = page(client, russian_only, "en")
    assert '<h1 lang="ru">Трудовые мигранты</h1>' in html and "shown in Russian" in html


def test_list_items_carry_the_note_too(client):
    ReportFactory(title_ru="Женщины и дети", title_ky="", summary_ru="")
    EventFactory(title_ru="Сайд-ивент", place_ru="Варшава", place_ky="Варшава", forum_en="OSCE HDIM", forum_ru="")
    OrganisationFactory(name_ru="Бир Дуйно", name_ky="", is_platform_member=True)
    RecommendationFactory(text_ru="Обеспечить доступ к информации", text_ky="", is_public=True)
    for url in ("/ky/reports/", "/ky/advocacy/", "/ky/partners/", "/ky/recommendations/"):
        html = client.get(url).content.decode()
        assert 'lang="ru"' in html and "fallback-note" in html, url
    html = client.get("/ky/advocacy/").content.decode()
    assert '<span lang="en">OSCE HDIM</span>' in html  # the forum only in English: ky → ru → en
    assert "<span>Варшава</span>" in html  # the place in Kyrgyz: no note


def test_places_forums_and_roles_are_shown_in_each_language(client):
    event = EventFactory(place_ru="Варшава", place_en="Warsaw", place_ky="Варшава шаары", forum_ru="", forum_en="")
    EventParticipantFactory(event=event, role_ru="докладчик", role_en="speaker", role_ky="баяндамачы")
    assert "Варшава шаары" in page(client, event, "ky") and "баяндамачы" in page(client, event, "ky")
    assert "Warsaw" in page(client, event, "en") and "speaker" in page(client, event, "en")
    assert "докладчик" in page(client, event, "ru")


def test_search_finds_a_report_by_a_kyrgyz_word(client):
    report = ReportFactory(title_ru="Трудовые мигранты", title_ky="Казакстандагы эмгек мигранттары", summary_ru="")
    ReportFactory(title_ru="Другой доклад", summary_ru="")
    html = client.get("/ky/search/", {"q": "мигранттары"}).content.decode()
    assert report.get_absolute_url().replace("/reports/", "/ky/reports/") in html or report.get_absolute_url() in html
    assert "Другой доклад" not in html
    # Kyrgyz is matched with PostgreSQL's 'simple' configuration: whole words, any case.
    assert "Казакстандагы" in client.get("/ky/search/", {"q": "ЭМГЕК"}).content.decode() or not _postgres()


def _postgres():
    from django.db import connection

    return connection.vendor == "postgresql"


def test_the_recommendation_list_text_query_finds_kyrgyz_text(client):
    RecommendationFactory(text_ru="Обеспечить доступ", text_ky="Маалыматка жетүүнү камсыз кылуу", is_public=True)
    RecommendationFactory(text_ru="Другое", text_ky="", is_public=True)
    html = client.get("/ky/recommendations/", {"q": "жетүүнү"}).content.decode()
    assert "Маалыматка жетүүнү" in html and "Другое" not in html


def test_the_forum_filter_finds_a_forum_named_in_another_language(client):
    EventFactory(title_ru="Сайд-ивент", forum_ru="", forum_en="OSCE HDIM", forum_ky="")
    EventFactory(title_ru="Встреча с министерством", forum_ru="", forum_en="", forum_ky="")
    response = client.get("/ky/advocacy/", {"forum": "OSCE HDIM"})
    html = response.content.decode()
    assert '<option value="OSCE HDIM" selected>' in html
    assert "Сайд-ивент" in html and "Встреча с министерством" not in html


def test_the_demo_reads_in_kyrgyz(client, settings):
    from django.core.management import call_command

    from advocacy.models import Event, EventParticipant
    from partners.models import Organisation
    from reports.models import Report

    settings.DEBUG = True
    call_command("load_demo", password="demo-password-123")
    report = Report.objects.get(slug="women-and-children-from-kyrgyzstan-affected-by-migration")
    assert report.title_ky == "Миграциянын таасирине кабылган Кыргызстандын аялдары жана балдары"
    assert Organisation.objects.get(slug="bir-duino-kyrgyzstan").short_name_ky == "Бир Дүйнө Кыргызстан"
    warsaw = Event.objects.filter(place_ru="Варшава").first()
    assert (warsaw.place_en, warsaw.place_ky) == ("Warsaw", "Варшава")
    assert warsaw.forum_ru.startswith("Совещание ОБСЕ") and warsaw.forum_ky.startswith("ЕККУнун")
    speaker = EventParticipant.objects.filter(role_en="speaker").first()
    assert (speaker.role_ru, speaker.role_ky) == ("докладчик", "баяндамачы")
    html = page(client, report, "ky")
    assert "<h1>Миграциянын таасирине кабылган Кыргызстандын аялдары жана балдары</h1>" in html
    assert "fallback-note" in html  # its method is in Russian and English only: said so


def test_the_dossier_marks_vocabulary_shown_in_another_language(client):
    """UN vocabularies come in Russian and English: on a Kyrgyz dossier they carry lang and the note."""
    theme = ThemeFactory(name_ru="Права мигрантов", name_ky="")
    recommendation = RecommendationFactory(text_ky="Мигранттардын укуктары", is_public=True)
    recommendation.themes.add(theme)
    html = client.get("/ky" + recommendation.get_absolute_url()).content.decode()
    assert f'?theme={theme.pk}" lang="ru">Права мигрантов</a>' in html
    assert html.count("fallback-note") >= 2  # the themes and the mechanism, both in Russian only
