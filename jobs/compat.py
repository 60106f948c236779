"""Django's task API: ``django.tasks`` from Django 6 on, the ``django_tasks`` backport before.

Every module imports ``task`` from here, so moving to Django 6 is a settings change (the TASKS backends).
"""

try:  # pragma: no cover - Django 6
    from django.tasks import TaskContext, task
except ImportError:
    from django_tasks import TaskContext, task

__all__ = ["TaskContext", "task"]
