"""Values every public page's layout needs."""

from django.utils.functional import SimpleLazyObject

from .selectors import navigation_sections


def navigation(request):
    """Return the top-level sections that have articles, fetched only if shown."""
    return {"nav_sections": SimpleLazyObject(navigation_sections)}
