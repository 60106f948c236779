"""Public pages of advocacy events."""

from django.views.generic import DetailView, ListView

from .models import Event


class EventListView(ListView):
    paginate_by = 20

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user)


class EventDetailView(DetailView):
    def get_queryset(self):
        return Event.objects.visible_to(self.request.user)
