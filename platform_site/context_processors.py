"""Template context every page needs: the site's name and the person's role."""

from django.conf import settings

from partners.access import is_coordinator, is_member


def portal(request):
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "user_is_member": is_member(user),
        "user_is_coordinator": is_coordinator(user),
    }
