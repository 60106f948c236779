"""Public pages of reports: the filtered list, one report, and its file served behind the visibility rule."""

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.views.generic import DetailView
from django_filters.views import FilterView

from partners.csv_export import csv_response
from partners.files import serve_stored_file, stored_file_name

from .csv_rows import REPORT_CSV_HEADER, report_csv_rows
from .filters import ReportFilter
from .models import Report


class ReportListView(FilterView):
    filterset_class = ReportFilter
    template_name = "reports/report_list.html"
    paginate_by = 12

    def get_queryset(self):
        # The list is for reading: published reports only, even for members who may also see their drafts.
        return (
            Report.objects.visible_to(self.request.user)
            .published()
            .select_related("mechanism")
            .with_authors(self.request.user)
            .order_by("-published_on", "-pk")
        )


class ReportDetailView(DetailView):
    def get_queryset(self):
        return (
            Report.objects.visible_to(self.request.user)
            .select_related("mechanism", "review__mechanism")
            .with_authors(self.request.user)
            .prefetch_related("themes", "affected_groups")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report, user = self.object, self.request.user
        context["recommendations"] = (
            report.proposed_recommendations.visible_to(user)
            .select_related("review__mechanism")
            .order_by("review__year", "review_id", "pk")
        )
        # The reports app cannot import advocacy (apps import downward only). The reverse relation
        # ``report.events`` is built on Event's default manager, so it carries EventQuerySet.visible_to:
        # the visibility rule stays in advocacy/models.py and nothing here repeats it.
        context["events"] = report.events.visible_to(user).order_by("-starts_on", "-pk")
        context["file_name"] = stored_file_name(report.file)
        return context


def report_file(request, slug):
    """The report's file, only if the person may see the report (drafts' files are not public)."""
    report = get_object_or_404(Report.objects.visible_to(request.user), slug=slug)
    if not report.file and report.external_url:
        return HttpResponseRedirect(report.external_url)
    # A PDF opens in the browser; the filename still names a download.
    return serve_stored_file(report.file)


# --- CSV of the list (issue 12) ---
def report_list_csv(request):
    """``/reports/export.csv?<the list's filters>``: the published reports the list shows, streamed."""
    queryset = Report.objects.visible_to(request.user).published().order_by("-published_on", "-pk")
    filterset = ReportFilter(request.GET or None, queryset=queryset, request=request)
    rows = report_csv_rows(
        filterset.qs.order_by("-published_on", "-pk"),
        user=request.user,
        language=translation.get_language(),
        base_url=request.build_absolute_uri("/"),
    )
    return csv_response(REPORT_CSV_HEADER, rows, filename=f"reports-{timezone.localdate():%Y-%m-%d}.csv")
