"""Select widgets whose options are written in Python rather than through one template each.

Django renders every ``<option>`` by including a template: the 250 countries of an action's form cost
9 ms and a coordinator's list of the platform's members 15 ms, a third of the page. ``QuickOptionsMixin``
writes the same markup (the ``<select>`` with its attributes, optgroups, options with ``selected``) straight
from the choices, escaping as the templates do; labels, ids, ``required`` and ``aria-describedby`` are kept,
so the field reads and behaves as before, with or without JavaScript. Django's ``optgroups()`` built a dict
per option first, and each option was escaped on every page: they are escaped once per process instead.
The lists' filter menus use the same widget.
"""

import functools
from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeData, mark_safe
from django_countries.widgets import LazySelect


class QuickOptionsMixin:
    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        chosen = set(self.format_value(value))
        # As Select.optgroups(): a single select marks the first option holding the value, a multiple one all.
        selected = False

        def option(option_value, label):
            nonlocal selected
            option_value = "" if option_value is None else str(option_value)
            is_selected = (not selected or self.allow_multiple_selected) and option_value in chosen
            selected = selected or is_selected
            return _option(option_value, str(label), is_selected, isinstance(label, SafeData))

        parts = [format_html('<select name="{}"{}>', name, flatatt(attrs))]
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                rows = "\n".join(option(*choice) for choice in label)
                parts.append(f'<optgroup label="{escape(str(option_value))}">\n{rows}\n</optgroup>')
            else:
                parts.append(option(option_value, label))
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # noqa: S308 - every value and label escaped by _option


@functools.lru_cache(maxsize=8192)
def _option(value: str, label: str, selected: bool, label_is_safe: bool) -> str:
    """One option's HTML, escaped once per process (the standard library's escape(), as Django's templates
    escape): menus offer the same few hundred options (in three languages) on page after page."""
    shown = label if label_is_safe else escape(label)
    return f'<option value="{escape(value)}"{" selected" if selected else ""}>{shown}</option>'


class QuickSelect(QuickOptionsMixin, forms.Select):
    pass


class QuickCountrySelect(QuickOptionsMixin, LazySelect):
    """The country field's own widget (its choices are translated lazily), with the quick options."""
