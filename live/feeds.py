"""The Atom feed of one live article: its newest entries, each with a permanent id."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator

from core.pagecache.tags import record
from core.site import site_root

from . import selectors
from .models import Entry, LiveCoverage
from .pagecache import live_tag

FEED_SIZE = 50


class LiveFeed(Feed):
    """The newest entries of a public live article, newest first."""

    feed_type = Atom1Feed

    def get_object(self, request, pk):
        coverage = selectors.public_coverage(pk)
        if coverage is None:
            raise Http404("No such live article.")
        record(live_tag(coverage.pk))
        return coverage

    def title(self, obj: LiveCoverage):
        return obj.article.headline

    def link(self, obj: LiveCoverage):
        return obj.article.get_absolute_url()

    def subtitle(self, obj: LiveCoverage):
        return obj.article.standfirst or obj.article.headline

    def items(self, obj: LiveCoverage):
        return selectors.newest_entries(obj, FEED_SIZE)

    def item_title(self, item: Entry):
        text = " ".join(strip_tags(item.body).split())
        return item.title or Truncator(text).chars(80)

    def item_description(self, item: Entry):
        # Atom's summary is text: the sanitised body without its markup.
        return " ".join(strip_tags(item.body).split())

    def item_link(self, item: Entry):
        return item.get_absolute_url()

    def item_pubdate(self, item: Entry):
        return item.published_at

    def item_updateddate(self, item: Entry):
        return item.edited_at or item.published_at

    def item_author_name(self, item: Entry):
        names = [person.full_name for person in selectors.authors_of(item)]
        return ", ".join(names) or settings.SITE_NAME

    def item_guid(self, item: Entry):
        return permanent_id(item)


def permanent_id(entry: Entry) -> str:
    """Return the entry's id in feeds: a tag: URI (RFC 4151) that never changes."""
    authority = urlsplit(site_root()).hostname or "localhost"
    return f"tag:{authority},{entry.published_at:%Y-%m-%d}:live-entry:{entry.pk}"
