"""Public pages of organisations and partners."""

from django.views.generic import DetailView, ListView

from .models import Organisation


class OrganisationListView(ListView):
    paginate_by = 30

    def get_queryset(self):
        return Organisation.objects.visible_to(self.request.user)


class OrganisationDetailView(DetailView):
    def get_queryset(self):
        return Organisation.objects.visible_to(self.request.user)
