"""Forms of the review calendar: the admin's calendar upload."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CalendarUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"), help_text=_("One entry a row; see the README for the columns.")
    )
    dry_run = forms.BooleanField(label=_("Check only, write nothing"), required=False, initial=True)
