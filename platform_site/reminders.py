"""Members choose what the review calendar reminds them of; anyone holding a digest's link can stop it.

``/members/reminders/`` (members only): states and mechanisms followed, how often, in which language.
``/members/reminders/unsubscribe/<token>/``: the link in every digest, signed, no log-in needed. It asks
for a click on a button (a POST), so that mail scanners that open links do not unsubscribe anyone; mail
clients' one-click unsubscribe (RFC 8058) posts to the same address.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django_countries import countries

from cycle.models import CycleReview, Deadline
from partners.access import is_member
from recommendations.models import Mechanism, Review

from .digests import unsubscribe_user_id
from .models import ReminderPreference


def _state_choices(user):
    # Only from entries the person may see: a state that only a draft names stays the coordinators' news.
    codes = set(Review.objects.visible_to(user).exclude(state="").values_list("state", flat=True))
    codes |= set(CycleReview.objects.visible_to(user).values_list("state", flat=True))
    codes |= set(Deadline.objects.visible_to(user).values_list("state", flat=True))
    names = dict(countries)
    return sorted(((code, names.get(code, code)) for code in codes), key=lambda choice: str(choice[1]))


class ReminderPreferenceForm(forms.ModelForm):
    states = forms.MultipleChoiceField(
        label=gettext_lazy("States you follow"), required=False, widget=forms.CheckboxSelectMultiple
    )
    mechanisms = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Mechanisms you follow"),
        queryset=Mechanism.objects.exclude(kind=Mechanism.Kind.PLATFORM).order_by("code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Leave a list empty to follow all of its kind; leave both empty for no deadlines."),
    )

    class Meta:
        model = ReminderPreference
        fields = ["states", "mechanisms", "frequency", "language"]
        widgets = {"frequency": forms.RadioSelect, "language": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["states"].choices = _state_choices(self.instance.user)
        self.fields["mechanisms"].label_from_instance = lambda mechanism: f"{mechanism.label} — {mechanism.name}"


@login_required
def reminders(request):
    if not is_member(request.user):
        raise PermissionDenied
    preference = ReminderPreference.objects.filter(user=request.user).first() or ReminderPreference(
        user=request.user, language=translation.get_language() or ReminderPreference._meta.get_field("language").default
    )
    form = ReminderPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Your reminders are saved."))
        return redirect("members:reminders")
    return render(request, "members/reminders.html", {"form": form, "has_email": bool(request.user.email)})


@csrf_exempt  # reached from an e-mail, without a session; the signed token is the proof
def unsubscribe(request, token):
    user_id = unsubscribe_user_id(token)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        raise Http404(_("This unsubscribe link is not valid."))
    done = False
    if request.method == "POST":
        ReminderPreference.objects.update_or_create(
            user=user, defaults={"frequency": ReminderPreference.Frequency.NEVER}
        )
        done = True
    return render(request, "members/unsubscribe.html", {"done": done, "token": token})
