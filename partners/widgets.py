"""Select widgets whose options are written in Python rather than through one template each.

Django renders every ``<option>`` by including a template: the 250 countries of an action's form cost
9 ms and a coordinator's list of the platform's members 15 ms, a third of the page. ``QuickOptionsMixin``
writes the same markup (the ``<select>`` with its attributes, optgroups, options with ``selected``) with
``format_html``, escaping as the templates do; labels, ids, ``required`` and ``aria-describedby`` are kept,
so the field reads and behaves as before, with or without JavaScript.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django_countries.widgets import LazySelect


class QuickOptionsMixin:
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            rows = format_html_join(
                "\n",
                '<option value="{}"{}>{}</option>',
                ((option["value"], flatatt(option["attrs"]), option["label"]) for option in options),
            )
            parts.append(
                format_html('<optgroup label="{}">\n{}\n</optgroup>', group_name, rows) if group_name else rows
            )
        parts.append(mark_safe("</select>"))
        return mark_safe("\n".join(parts))


class QuickSelect(QuickOptionsMixin, forms.Select):
    pass


class QuickCountrySelect(QuickOptionsMixin, LazySelect):
    """The country field's own widget (its choices are translated lazily), with the quick options."""
