"""Jobs in the back-office: read-only, for looking into what ran and why it failed."""

from django.contrib import admin

from .models import Job, WorkerHeartbeat


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("pk", "label", "kind", "owner", "state", "rows_done", "rows_total", "created_at", "finished_at")
    list_filter = ("state", "kind")
    search_fields = ("label", "owner__username", "task_result_id")
    list_select_related = ("owner",)
    readonly_fields = [field.name for field in Job._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ("worker_id", "hostname", "pid", "started_at", "seen_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
