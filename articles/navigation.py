"""The site's navigation: the top-level sections holding a public article, kept rendered.

Every public page shows it, so it is kept (core/fragments.remember_parts) under the versions
of the sections it lists and of `navigation`, bumped when a top-level section gains its first
or loses its last public article; it lives no longer than until the first scheduled publish
in a top-level section holding no public article, which adds it with no save.
"""

import math
from datetime import datetime

from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import SafeString

from core.fragments import remember_parts
from core.pagecache.tags import record

from .pagecache import NAVIGATION
from .selectors import navigation

TEMPLATE = "includes/navigation.html"


def seconds_until(moment: datetime | None) -> int | None:
    """Return the whole seconds from now until `moment` (at least 1), or None for never."""
    if moment is None:
        return None
    return max(1, math.ceil((moment - timezone.now()).total_seconds()))


def navigation_html(current_root) -> SafeString:
    """Return the navigation, marking `current_root` (a top-level section, or None) current."""
    current = getattr(current_root, "pk", None)

    def render() -> tuple[dict[str, str], int | None]:
        record(NAVIGATION)
        shown = navigation()
        context = {"nav_sections": shown.sections, "current": current}
        html = get_template(TEMPLATE).render(context)
        return {"navigation": html}, seconds_until(shown.changes_at)

    return remember_parts("navigation", (current,), render)["navigation"]
