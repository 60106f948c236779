"""Public pages of reports."""

from django.views.generic import DetailView, ListView

from .models import Report


class ReportListView(ListView):
    paginate_by = 20

    def get_queryset(self):
        return Report.objects.visible_to(self.request.user).published()


class ReportDetailView(DetailView):
    def get_queryset(self):
        return Report.objects.visible_to(self.request.user)
