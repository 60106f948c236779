"""Public pages of advocacy events: the filtered list, one event with everything it touched, its files."""

from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.views.generic import DetailView, ListView

from partners.csv_export import csv_response
from partners.files import serve_stored_file
from partners.models import Organisation
from recommendations.models import Recommendation
from reports.models import Report

from .csv_rows import EVENT_CSV_HEADER, event_csv_rows
from .filters import EventFilter
from .models import Event, EventAttachment, EventParticipant


class EventListView(ListView):
    paginate_by = 20
    template_name = "advocacy/event_list.html"

    def get_queryset(self):
        self.filterset = EventFilter(self.request.GET or None, request=self.request)
        return self.filterset.qs.order_by("-starts_on", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        return context


class EventDetailView(DetailView):
    template_name = "advocacy/event_detail.html"

    def get_queryset(self):
        user = self.request.user
        organisations = Organisation.objects.visible_to(user)
        return (
            Event.objects.visible_to(user)
            .select_related("owner")
            .annotate(owner_shown=Exists(organisations.filter(pk=OuterRef("owner_id"))))
            .prefetch_related(
                Prefetch("organisers", queryset=organisations.order_by("name")),
                Prefetch(
                    "participations",
                    queryset=EventParticipant.objects.filter(organisation__in=organisations)
                    .select_related("organisation")
                    .order_by("organisation__name"),
                ),
                Prefetch("addressed_bodies", queryset=organisations.order_by("name")),
                Prefetch("reports_presented", queryset=Report.objects.visible_to(user).order_by("-published_on")),
                Prefetch(
                    "recommendations_promoted",
                    queryset=Recommendation.objects.visible_to(user)
                    .select_related("review__mechanism")
                    .order_by("-review_id", "id"),
                ),
                "links",
                "attachments",
            )
        )


def event_attachment(request, pk, id):
    """An attachment, only to those who may see its event (a members-only action's files are not public)."""
    event = get_object_or_404(Event.objects.visible_to(request.user), pk=pk)
    attachment = get_object_or_404(EventAttachment.objects.filter(event=event), pk=id)
    return serve_stored_file(attachment.file)


# --- CSV of the list (issue 12) ---
def event_list_csv(request):
    """``/advocacy/export.csv?<the list's filters>``: the events the list shows to the person, streamed."""
    filterset = EventFilter(request.GET or None, request=request)
    rows = event_csv_rows(
        filterset.qs.order_by("-starts_on", "-pk"),
        user=request.user,
        language=translation.get_language(),
        base_url=request.build_absolute_uri("/"),
    )
    return csv_response(EVENT_CSV_HEADER, rows, filename=f"advocacy-{timezone.localdate():%Y-%m-%d}.csv")
