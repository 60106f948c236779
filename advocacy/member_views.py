"""Members' pages for advocacy actions: record, edit, submit for review, withdraw.

Access is asked of ``Event.objects.visible_to`` (404 when the person may not see the action) and
``can_edit`` (403 when they may see it but not change it); the services ask again.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from partners.access import can_edit, is_member
from partners.formtools import OneTimeFormMixin

from .forms import EventAttachmentFormSet, EventForm, EventLinkFormSet
from .models import Event
from .services import event_create, event_submit, event_update, event_withdraw, organisation_add


def _editable_event(request, pk) -> Event:
    event = get_object_or_404(Event.objects.visible_to(request.user), pk=pk)
    if not can_edit(request.user, event):
        raise PermissionDenied
    return event


class EventFormView(LoginRequiredMixin, OneTimeFormMixin, View):
    """One view for recording and editing; ``event`` is None when recording."""

    template_name = "advocacy/event_form.html"

    def get_event(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_member(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def forms(self, event, data=None, files=None):
        instance = event or Event()
        return (
            EventForm(data, instance=instance, user=self.request.user, prefix="event"),
            EventLinkFormSet(data, instance=instance, prefix="links"),
            EventAttachmentFormSet(data, files, instance=instance, prefix="attachments"),
        )

    def render_forms(self, event, form, links, attachments, status=200):
        context = {
            "event": event,
            "form": form,
            "links": links,
            "attachments": attachments,
            **self.form_token_context(),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        event = self.get_event()
        return self.render_forms(event, *self.forms(event))

    def post(self, request, *args, **kwargs):
        event = self.get_event()
        form, links, attachments = self.forms(event, request.POST, request.FILES)
        refused = self.form_token_check()
        if refused is not None and not isinstance(refused, str):
            return refused
        valid = form.is_valid() & links.is_valid() & attachments.is_valid()
        if isinstance(refused, str):
            form.add_error(None, refused)
            valid = False
        if not valid:
            return self.render_forms(event, form, links, attachments)
        submit = "submit" in request.POST
        try:
            with transaction.atomic():
                arguments = form.service_arguments()
                extra = form.new_organisation
                if extra:
                    kind = "state_body" if extra["role"] == "addressed_bodies" else extra["kind"]
                    added = organisation_add(user=request.user, name=extra["name"], kind=kind)
                    target = arguments["participants"] if extra["role"] == "participants" else None
                    if target is None:
                        target = arguments["relations"][extra["role"]]
                    if added not in target:
                        target.append(added)
                if event is None:
                    saved = event_create(user=request.user, submit=submit, **arguments)
                else:
                    saved = event_update(event=event, user=request.user, submit=submit, **arguments)
                for formset in (links, attachments):
                    formset.instance = saved
                    formset.save()
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_forms(event, form, links, attachments)
        url = saved.get_absolute_url()
        self.form_token_done(url)
        if submit:
            messages.success(request, _("The action is saved and sent to the coordinators for review."))
        else:
            messages.success(request, _("The action is saved."))
        return redirect(url)


class EventCreateView(EventFormView):
    pass


class EventUpdateView(EventFormView):
    def get_event(self):
        return _editable_event(self.request, self.kwargs["pk"])


def _post_only_member_action(service, done_message, then):
    @require_POST
    def view(request, pk):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?next={reverse('advocacy:detail', kwargs={'pk': pk})}")
        event = _editable_event(request, pk)
        try:
            service(event=event, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done_message())
        next_url = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        return redirect(then(event))

    return view


event_submit_view = _post_only_member_action(
    event_submit, lambda: _("The action is sent to the coordinators."), lambda event: event.get_absolute_url()
)
event_withdraw_view = _post_only_member_action(
    event_withdraw,
    lambda: _("The action is withdrawn. It is kept, with its history, but no longer shown."),
    lambda event: reverse("members:home"),
)
