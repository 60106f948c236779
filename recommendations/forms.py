"""Members' forms on recommendations: proposing a status assessment, and a coordinator's decision."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.access import is_coordinator, organisation_ids
from partners.formtools import DocumentFileField
from partners.models import Organisation

from .models import Status, StatusAssessment


class AssessmentProposeForm(forms.ModelForm):
    """Status, date and evidence; ``recommendations.services.assessment_propose`` saves it."""

    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None, required=False
    )
    source_file = DocumentFileField(label=_("Source file"), required=False)
    source_url = forms.URLField(
        label=_("Source link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )

    class Meta:
        model = StatusAssessment
        fields = ["status", "assessed_on", "evidence", "source_url", "source_file"]
        widgets = {
            "assessed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "evidence": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "assessed_on": _("When the state did (or failed to do) what the evidence shows."),
            "evidence": _("What happened: a law adopted, a decree, a budget line, a court case, a reply."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["status"].choices = [c for c in Status.choices if c[0] != Status.NOT_ASSESSED]
        own = Organisation.objects.filter(pk__in=organisation_ids(user))
        self.fields["organisation"].queryset = own
        count = len(organisation_ids(user))
        if count == 1:
            self.fields["organisation"].initial = next(iter(organisation_ids(user)))
            self.fields["organisation"].widget = forms.HiddenInput()
        elif count == 0 and is_coordinator(user):
            del self.fields["organisation"]
        if not self.is_bound:
            self.initial.setdefault("assessed_on", timezone.localdate())

    def clean_organisation(self):
        organisation = self.cleaned_data.get("organisation")
        own = organisation_ids(self.user)
        if organisation is None and len(own) == 1:
            # The member's one organisation, even if the hidden field was not sent.
            organisation = Organisation.objects.get(pk=next(iter(own)))
        return organisation

    def clean_assessed_on(self):
        value = self.cleaned_data["assessed_on"]
        today = timezone.localdate()
        if value > today:
            raise ValidationError(
                _("The date %(date)s is in the future; an assessment records what has already happened."),
                code="date_in_future",
                params={"date": value.strftime("%d.%m.%Y")},
            )
        return value

    def clean(self):
        cleaned = super().clean()
        evidence = (cleaned.get("evidence") or "").strip()
        has_evidence = evidence or cleaned.get("source_url") or cleaned.get("source_file")
        # A link or file that failed its own check already has a message; do not add a second one.
        if not has_evidence and not self.has_error("source_url") and not self.has_error("source_file"):
            raise ValidationError(
                _("Give the evidence: describe it, or add a source link or a file."), code="no_evidence"
            )
        return cleaned


class AssessmentDecisionForm(forms.Form):
    """A coordinator's confirm or reject; rejecting needs a comment the member will read."""

    decision = forms.ChoiceField(choices=[("confirm", _("Confirm")), ("reject", _("Reject"))])
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not (cleaned.get("comment") or "").strip():
            self.add_error(
                "comment",
                ValidationError(_("Say why the assessment is rejected: the member will read it."), code="no_reason"),
            )
        return cleaned
