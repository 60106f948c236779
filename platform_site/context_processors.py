"""Template context every page needs: the site's name and the person's role."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from partners.access import is_coordinator, is_member

from .members import review_queue_count


def _review_count(user):
    """For coordinators, what waits in the review queue: one COUNT query, run only if a template asks."""
    if not is_coordinator(user):
        return 0
    return review_queue_count()


def portal(request):
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "user_is_member": is_member(user),
        "user_is_coordinator": is_coordinator(user),
        "review_queue_count": SimpleLazyObject(lambda: _review_count(user)),
    }
