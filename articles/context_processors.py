"""Values every public page's layout needs."""

from django.utils.functional import SimpleLazyObject

from core.pagecache.tags import record

from .pagecache import NAVIGATION
from .selectors import navigation_sections


def navigation(request):
    """Return the top-level sections that have articles, fetched only if shown."""
    return {"nav_sections": SimpleLazyObject(shown_navigation)}


def shown_navigation():
    """Return the navigation's sections, noting that the page shows the navigation."""
    record(NAVIGATION)  # a section gaining its first public article changes every page
    return navigation_sections()
