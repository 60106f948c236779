from django import forms
from django.utils.translation import gettext_lazy as _


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("What is the token for?"),
        max_length=100,
        help_text=_("A name to recognise it by, e.g. “nightly sync with our tracker”."),
    )
