"""The job pages: my jobs (everyone's for coordinators), one job with its progress, and its result file.

Someone who may not see a job gets a 404, as if it did not exist; the anonymous visitor is sent to log in.
The result is served through ``download`` (never from /media/), after the same check.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.template import TemplateDoesNotExist
from django.template.loader import select_template
from django.views.generic import ListView
from django_htmx.http import HttpResponseClientRefresh

from .models import Job, sees_all_jobs

# While a job runs, the page asks for its state this often (seconds).
POLL_SECONDS = 2


class JobListView(LoginRequiredMixin, ListView):
    template_name = "jobs/job_list.html"
    context_object_name = "jobs"
    paginate_by = 30

    def get_queryset(self):
        return Job.objects.visible_to(self.request.user).select_related("owner").defer("data")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sees_all"] = sees_all_jobs(self.request.user)
        context["result_count"] = context["paginator"].count
        context["result_days"] = settings.JOB_RESULT_DAYS
        return context


def _job_for(request, pk) -> Job:
    return get_object_or_404(Job.objects.visible_to(request.user).select_related("owner"), pk=pk)


def kind_template(job: Job):
    """``<app>/jobs/<name>.html`` for a job of kind ``<app>.<name>``: what that app shows of its jobs."""
    app, _dot, name = job.kind.partition(".")
    if not name or not app.isidentifier() or not name.isidentifier():
        return None
    try:
        return select_template([f"{app}/jobs/{name}.html"])
    except TemplateDoesNotExist:
        return None


@login_required
def job_detail(request, pk):
    job = _job_for(request, pk)
    return render(
        request,
        "jobs/job_detail.html",
        {
            "job": job,
            "kind_template": kind_template(job),
            "is_owner": job.owner_id == request.user.pk,
            "poll_seconds": POLL_SECONDS,
        },
    )


@login_required
def job_status(request, pk):
    """The state and progress block, polled by htmx; once the job ends the whole page is reloaded."""
    job = _job_for(request, pk)
    if job.is_finished and request.htmx:
        return HttpResponseClientRefresh()
    return render(request, "jobs/_job_status.html", {"job": job, "poll_seconds": POLL_SECONDS})


@login_required
def job_download(request, pk):
    job = _job_for(request, pk)
    if not job.result_file:
        raise Http404
    try:
        handle = job.result_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=job.result_name or job.result_file.name.rsplit("/", 1)[-1])
