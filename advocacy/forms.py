"""The form members record an advocacy action with, its links and attachments, and a missing organisation."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from partners.access import is_coordinator, organisation_ids
from partners.formtools import DocumentFileField, LookupSelectMultiple
from partners.models import Organisation
from partners.widgets import QuickCountrySelect, QuickSelect
from recommendations.models import Recommendation
from reports.models import Report

from .models import Event, EventAttachment, EventLink
from .services import EVENT_FIELDS, event_dates_check

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EventForm(forms.ModelForm):
    """Everything about an action; the services save it (the form only validates)."""

    owner = forms.ModelChoiceField(
        label=_("Recorded for"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        widget=QuickSelect,
        # Checked in clean_owner: a member with one organisation need not send it.
        required=False,
        help_text=_("The organisation this action belongs to."),
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Participants"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=LookupSelectMultiple(reverse_lazy("partners:lookup")),
        help_text=_("Organisations that took part."),
    )
    new_organisation_name = forms.CharField(label=_("Name"), max_length=255, required=False)
    new_organisation_kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Organisation.Kind.choices,
        initial=Organisation.Kind.NGO,
        required=False,
        widget=QuickSelect,
    )
    new_organisation_role = forms.ChoiceField(
        label=_("Add it as"),
        required=False,
        widget=QuickSelect,
        choices=[
            ("participants", _("Participant")),
            ("organisers", _("Organiser")),
            ("addressed_bodies", _("Addressed state body")),
        ],
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title_ru",
            "title_en",
            "title_ky",
            "starts_on",
            "ends_on",
            "place",
            "country",
            "forum",
            "description_ru",
            "description_en",
            "description_ky",
            "organisers",
            "addressed_bodies",
            "reports_presented",
            "recommendations_promoted",
            "outcome_ru",
            "outcome_en",
            "outcome_ky",
            "visibility",
        ]
        labels = {
            "title_ru": _("Title in Russian"),
            "title_en": _("Title in English"),
            "title_ky": _("Title in Kyrgyz"),
            "description_ru": _("Description in Russian"),
            "description_en": _("Description in English"),
            "description_ky": _("Description in Kyrgyz"),
            "outcome_ru": _("Outcome in Russian"),
            "outcome_en": _("Outcome in English"),
            "outcome_ky": _("Outcome in Kyrgyz"),
        }
        help_texts = {
            "outcome_ru": _("What changed: a promise, a meeting, a new law, a reply."),
            "visibility": _("“Members only” keeps the action off the public pages."),
        }
        widgets = {
            "kind": QuickSelect,
            "country": QuickCountrySelect,
            "visibility": QuickSelect,
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "description_ru": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_ky": forms.Textarea(attrs={"rows": 4}),
            "outcome_ru": forms.Textarea(attrs={"rows": 3}),
            "outcome_en": forms.Textarea(attrs={"rows": 3}),
            "outcome_ky": forms.Textarea(attrs={"rows": 3}),
            "organisers": LookupSelectMultiple(reverse_lazy("partners:lookup")),
            "addressed_bodies": LookupSelectMultiple(reverse_lazy("partners:lookup", query={"kind": "state_body"})),
            "reports_presented": LookupSelectMultiple(reverse_lazy("reports:lookup")),
            "recommendations_promoted": LookupSelectMultiple(reverse_lazy("recommendations:lookup")),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        organisations = Organisation.objects.visible_to(user)
        self.fields["organisers"].queryset = organisations
        self.fields["participants"].queryset = organisations
        self.fields["addressed_bodies"].queryset = organisations.state_bodies()
        self.fields["reports_presented"].queryset = Report.objects.visible_to(user)
        self.fields["recommendations_promoted"].queryset = Recommendation.objects.visible_to(user).select_related(
            "review__mechanism"
        )
        own = Organisation.objects.filter(pk__in=organisation_ids(user))
        if self.instance.owner_id:
            own = own | Organisation.objects.filter(pk=self.instance.owner_id)
        if is_coordinator(user):
            own = own | Organisation.objects.platform_members()
        self.fields["owner"].queryset = own.distinct()
        if self.instance.pk:
            self.fields["owner"].initial = self.instance.owner_id
            self.fields["participants"].initial = list(
                self.instance.participations.values_list("organisation_id", flat=True)
            )
        elif own.count() == 1:
            self.fields["owner"].initial = own.first().pk
        if own.count() == 1:
            # One organisation: nothing to choose, the field only carries its value.
            self.fields["owner"].widget = forms.HiddenInput()
        self.fields["title_ru"].widget.attrs["autocomplete"] = "off"

    def clean_owner(self):
        owner = self.cleaned_data.get("owner")
        own = organisation_ids(self.user)
        if owner is None and len(own) == 1:
            owner = Organisation.objects.get(pk=next(iter(own)))
        if owner is None:
            raise ValidationError(_("Choose the organisation that records this action."), code="no_owner")
        return owner

    def clean_new_organisation_name(self):
        return self.cleaned_data["new_organisation_name"].strip()

    def clean(self):
        cleaned = super().clean()
        if not any((cleaned.get(f"title_{language}") or "").strip() for language in ("ru", "en", "ky")):
            self.add_error(
                "title_ru", ValidationError(_("Give the action a title in at least one language."), code="no_title")
            )
        try:
            event_dates_check(cleaned.get("starts_on"), cleaned.get("ends_on"))
        except ValidationError as error:
            self.add_error("ends_on", error)
        return cleaned

    def service_arguments(self) -> dict:
        """What the services ``event_create`` / ``event_update`` take, from the cleaned data."""
        data = self.cleaned_data
        return {
            "owner": data["owner"],
            "fields": {name: data[name] for name in EVENT_FIELDS if name in data},
            "relations": {
                name: list(data[name])
                for name in ("organisers", "addressed_bodies", "reports_presented", "recommendations_promoted")
            },
            "participants": list(data["participants"]),
        }

    @property
    def new_organisation(self) -> dict | None:
        name = self.cleaned_data.get("new_organisation_name")
        if not name:
            return None
        return {
            "name": name,
            "kind": self.cleaned_data.get("new_organisation_kind") or Organisation.Kind.NGO,
            "role": self.cleaned_data.get("new_organisation_role") or "participants",
        }


class EventLinkForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Link"), max_length=500, assume_scheme="https", widget=forms.URLInput(attrs={"placeholder": "https://"})
    )

    class Meta:
        model = EventLink
        fields = ["url", "title"]


class EventAttachmentForm(forms.ModelForm):
    file = DocumentFileField(label=_("File"))

    class Meta:
        model = EventAttachment
        fields = ["file", "title"]


EventLinkFormSet = forms.inlineformset_factory(
    Event, EventLink, form=EventLinkForm, extra=1, can_delete=True, max_num=20, validate_max=True
)
EventAttachmentFormSet = forms.inlineformset_factory(
    Event, EventAttachment, form=EventAttachmentForm, extra=1, can_delete=True, max_num=10, validate_max=True
)
