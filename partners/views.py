"""Public pages of organisations and partners.

Partners is the lowest floor of the house: it cannot import reports, recommendations or advocacy. The
organisation page reaches them through string lookups (``apps.get_model``) and reverse relations, and
asks each model's own ``visible_to`` so that no visibility rule is written here.
"""

from django.apps import apps
from django.db.models import Q
from django.utils import timezone, translation
from django.views.generic import DetailView
from django_filters.views import FilterView

from .csv_export import csv_response
from .csv_rows import ORGANISATION_CSV_HEADER, organisation_csv_rows
from .filters import OrganisationFilter
from .models import Organisation

RELATED_LIMIT = 12


class OrganisationListView(FilterView):
    filterset_class = OrganisationFilter
    template_name = "partners/organisation_list.html"
    paginate_by = 30

    def get_queryset(self):
        return Organisation.objects.visible_to(self.request.user).order_by("-is_platform_member", "name")


class OrganisationDetailView(DetailView):
    def get_queryset(self):
        return Organisation.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation, user = self.object, self.request.user
        Report = apps.get_model("reports", "Report")
        Event = apps.get_model("advocacy", "Event")
        Recommendation = apps.get_model("recommendations", "Recommendation")

        reports = (
            Report.objects.visible_to(user)
            .published()
            .filter(authorships__organisation=organisation)
            .with_authors(user)
            .distinct()
            .order_by("-published_on", "-pk")
        )
        events = (
            Event.objects.visible_to(user)
            .filter(
                Q(organisers=organisation)
                | Q(participations__organisation=organisation)
                | Q(addressed_bodies=organisation)
            )
            .distinct()
            .order_by("-starts_on", "-pk")
        )
        # The recommendations it follows: addressed to it (a state body), proposed in its reports,
        # or promoted at its events.
        visible_reports = Report.objects.visible_to(user).filter(authorships__organisation=organisation)
        visible_events = Event.objects.visible_to(user).filter(
            Q(organisers=organisation) | Q(participations__organisation=organisation)
        )
        recommendations = (
            Recommendation.objects.visible_to(user)
            .filter(
                Q(addressed_bodies=organisation)
                | Q(pk__in=visible_reports.values("proposed_recommendations"))
                | Q(pk__in=visible_events.values("recommendations_promoted"))
            )
            .select_related("review__mechanism")
            .distinct()
            .order_by("-review__year", "review_id", "pk")
        )
        context.update(
            reports=reports[:RELATED_LIMIT],
            events=events[:RELATED_LIMIT],
            recommendations=recommendations[:RELATED_LIMIT],
            recommendations_count=recommendations.count(),
            is_state_body=organisation.kind == Organisation.Kind.STATE_BODY,
            partnerships=organisation.partnerships.filter(partner__in=Organisation.objects.visible_to(user))
            .select_related("partner")
            .order_by("-started_on", "pk"),
        )
        return context


# --- CSV of the list (issue 12) ---
def organisation_list_csv(request):
    """``/partners/export.csv?<the list's filters>``: the organisations the list shows, streamed."""
    queryset = Organisation.objects.visible_to(request.user).order_by("-is_platform_member", "name")
    filterset = OrganisationFilter(request.GET or None, queryset=queryset, request=request)
    rows = organisation_csv_rows(
        filterset.qs.order_by("-is_platform_member", "name"),
        user=request.user,
        language=translation.get_language(),
        base_url=request.build_absolute_uri("/"),
    )
    return csv_response(ORGANISATION_CSV_HEADER, rows, filename=f"partners-{timezone.localdate():%Y-%m-%d}.csv")
