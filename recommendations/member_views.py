"""Members propose a status assessment from a recommendation's dossier page."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from partners.access import is_member
from partners.formtools import OneTimeFormMixin

from .forms import AssessmentProposeForm
from .models import Recommendation
from .services import assessment_propose


class AssessmentProposeView(LoginRequiredMixin, OneTimeFormMixin, View):
    template_name = "recommendations/assessment_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.recommendation = get_object_or_404(
            Recommendation.objects.visible_to(request.user).select_related("review__mechanism"), pk=kwargs["pk"]
        )
        if not is_member(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form):
        context = {"recommendation": self.recommendation, "form": form, **self.form_token_context()}
        return render(self.request, self.template_name, context)

    def get(self, request, *args, **kwargs):
        return self.render_form(AssessmentProposeForm(user=request.user))

    def post(self, request, *args, **kwargs):
        form = AssessmentProposeForm(request.POST, request.FILES, user=request.user)
        refused = self.form_token_check()
        if refused is not None and not isinstance(refused, str):
            return refused
        if isinstance(refused, str):
            form.is_valid()
            form.add_error(None, refused)
            return self.render_form(form)
        if not form.is_valid():
            return self.render_form(form)
        data = form.cleaned_data
        try:
            assessment_propose(
                recommendation=self.recommendation,
                user=request.user,
                status=data["status"],
                assessed_on=data["assessed_on"],
                evidence=data["evidence"],
                source_url=data["source_url"],
                source_file=data.get("source_file"),
                organisation=data.get("organisation"),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_form(form)
        url = self.recommendation.get_absolute_url()
        self.form_token_done(url)
        messages.success(
            request, _("Thank you. Your assessment is sent to the coordinators; it shows here once confirmed.")
        )
        return redirect(url)
