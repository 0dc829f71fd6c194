"""The site's navigation: the top-level sections holding a public article, kept rendered.

Every public page shows it, so it is kept (core/fragments.remember_parts) under the versions
of the sections it lists and of `navigation`, bumped when a top-level section gains its first
or loses its last public article, by a save or by a scheduled story going live (both events).
"""

from django.template.loader import get_template
from django.utils.safestring import SafeString

from core.fragments import remember_parts
from core.pagecache.tags import record

from .pagecache import NAVIGATION
from .selectors import navigation

TEMPLATE = "includes/navigation.html"


def navigation_html(current_root) -> SafeString:
    """Return the navigation, marking `current_root` (a top-level section, or None) current."""
    current = getattr(current_root, "pk", None)

    def render() -> dict[str, str]:
        record(NAVIGATION)
        context = {"nav_sections": navigation(), "current": current}
        return {"navigation": get_template(TEMPLATE).render(context)}

    return remember_parts("navigation", (current,), render, templates=(TEMPLATE,))["navigation"]
