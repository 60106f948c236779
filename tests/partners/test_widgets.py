"""The quick select widgets write the markup Django's own templates write, option for option."""

import re

from django import forms
from django.test.html import parse_html

from partners.widgets import QuickSelect

CHOICES = [
    ("", "---------"),
    ("a", "Alpha & <Omega>"),
    ("Group", [("b", "Beta"), ("c", "Gamma")]),
]


def test_the_quick_select_writes_what_the_templates_write():
    for value in ("", "a", "c", None):
        attrs = {"id": "id_pick", "required": True, "aria-describedby": "id_pick_help", "disabled": False}
        ours = QuickSelect(choices=CHOICES).render("pick", value, attrs=attrs)
        django = forms.Select(choices=CHOICES).render("pick", value, attrs=attrs)
        assert parse_html(ours) == parse_html(django)
    assert "Alpha &amp; &lt;Omega&gt;" in QuickSelect(choices=CHOICES).render("pick", "a")


def test_multiple_selects_safe_labels_and_repeated_values_as_the_templates_write_them():
    from django.utils.safestring import mark_safe

    from partners.widgets import QuickOptionsMixin

    class QuickSelectMultiple(QuickOptionsMixin, forms.SelectMultiple):
        pass

    choices = [*CHOICES, (None, "None"), ("a", "Alpha again"), (3, mark_safe("<b>Three</b>")), ("x", "<b>Three</b>")]
    for value in (None, [], ["a", "c"], [3], "a"):
        for ours, django in (
            (QuickSelect(choices=choices), forms.Select(choices=choices)),
            (QuickSelectMultiple(choices=choices), forms.SelectMultiple(choices=choices)),
        ):
            assert parse_html(ours.render("pick", value)) == parse_html(django.render("pick", value)), value


def test_the_action_forms_selects_keep_their_labels(client_for, member):
    body = client_for(member).get("/advocacy/new/").content.decode()
    for name in ("kind", "country", "visibility", "new_organisation_kind", "new_organisation_role"):
        assert f'<label for="id_event-{name}">' in body
        assert re.search(rf'<select name="event-{name}"[^>]* id="id_event-{name}"', body)
