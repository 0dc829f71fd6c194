"""The lists of articles a page shows, kept rendered until one of them changes.

A list's markup is kept (core.fragments.remember_parts) under the tags of every record it
shows (each card's `card-<id>`, sections, people, pictures) and of the lists the page shows
(`pagecache.lists_of`, the rule the page cache itself follows): an article joining or
leaving one, or a change to a card shown, renders it afresh on the next request; and none
is kept past the time the next scheduled story goes public, which no event may announce in
time (the worker records its going live a little after: articles/golive.py). A page
around it (navigation, header, a person's profile) is rendered as before; only the lists,
which cost the most queries and the most template work, are read whole.
"""

from collections.abc import Callable

from django.template.loader import get_template
from django.utils.safestring import SafeString

from core.fragments import remember_parts
from core.pagecache.tags import record

from .pagecache import lists_of, tag_of
from .selectors import seconds_until_next_publish
from .templatetags.site_tags import CARD_TEMPLATE

# Every template the lists are made of: a changed one is a new key (a deploy's new markup).
LIST_TEMPLATES = (CARD_TEMPLATE, "includes/article_list.html", "includes/front_top.html",
                  "includes/pagination.html")  # fmt: skip


def kept_lists(
    request,
    name: str,
    identity: tuple,
    template: str,
    context: Callable[[], dict],
    *,
    shows: tuple = (),
) -> SafeString:
    """Return `template` rendered with `context()`, kept while nothing it shows changes.

    `identity` tells apart the lists of one kind of page (a section's id and query string);
    `context` runs only when the lists are rendered, so their queries run only then.
    `shows`: records loaded before (by the page) whose fields the lists show too.
    """

    def render() -> dict[str, str]:
        record(*lists_of(request), *(tag_of(item) for item in shows))
        return {"lists": get_template(template).render(context(), request)}

    templates = (template, *LIST_TEMPLATES)
    kept = remember_parts(
        name, identity, render, templates=templates, lifetime=seconds_until_next_publish
    )
    return kept["lists"]
