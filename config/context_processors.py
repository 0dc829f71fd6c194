"""Values every template may use."""

from django.conf import settings

from core.site import site_root


def site(request):
    """Return the site's name and public URL."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": site_root()}
