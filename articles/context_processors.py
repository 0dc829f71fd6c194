"""Values every public page's layout needs."""

from django.utils.functional import SimpleLazyObject

from .models import Section


def navigation(request):
    """Return the top-level sections for the site navigation, fetched only if shown."""
    return {"nav_sections": SimpleLazyObject(lambda: list(Section.objects.top_level()))}
