"""RSS and Atom feeds of the latest articles, of a section, of a topic and of a person.

Written to the rules the W3C Feed Validation Service applies: RSS 2.0 (RSS Advisory Board,
2.0.11), RFC 4287 (Atom), RFC 4151 (tag: URIs) and Media RSS 1.5.1.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.templatetags.static import static
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, Stylesheet
from django.utils.html import escape
from django.utils.xmlutils import SimplerXMLGenerator

from core.moved import get_or_moved
from core.site import absolute_url, site_root
from images.sharing import media_type, share_picture
from people.models import Person

from .credits import credits_of
from .models import Article, ArticleImage, Byline, Mention, Section, Tag

FEED_SIZE = 30
MEDIA_RSS = "http://search.yahoo.com/mrss/"
STYLESHEET = "feeds/feed.xsl"


def add_media_content(handler, item) -> None:
    """Write the item's lead picture as Media RSS media:content, when it has one."""
    if item.get("media"):
        handler.addQuickElement("media:content", "", item["media"])


class MediaRssFeed(Rss201rev2Feed):
    """RSS 2.0 whose descriptions are text, with the lead picture as media:content too."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_RSS}

    def add_item_elements(self, handler, item):
        # RSS 2.0: a description may hold "entity-encoded HTML", and readers render it so.
        # Escaping the text as HTML keeps "<script>" in a standfirst a string, never markup.
        description = escape(item["description"]) if item["description"] else None
        super().add_item_elements(handler, {**item, "description": description})
        add_media_content(handler, item)


class MediaAtomFeed(Atom1Feed):
    """Atom whose summaries are type="text", with media:content and the feed's stylesheet."""

    def write(self, outfile, encoding):
        # Django's Atom writer leaves out stylesheets; as its RSS writer does, they come
        # after the XML declaration and before the first element.
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", stylesheet)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_RSS}

    def add_item_elements(self, handler, item):
        # RFC 4287 §3.1.1.1: type="text" content is shown as is, whatever characters it has.
        super().add_item_elements(handler, {**item, "description": None})
        handler.addQuickElement("summary", item["description"], {"type": "text"})
        add_media_content(handler, item)


class LatestFeed(Feed):
    """The newest published articles of the whole site."""

    feed_type = MediaRssFeed
    description = "The latest articles."

    def title(self, obj=None):
        return settings.SITE_NAME

    def link(self, obj=None):
        return "/"

    def articles(self, obj):
        """Return the published articles this feed is about."""
        return Article.objects.published()

    def items(self, obj=None):
        leads = ArticleImage.objects.filter(is_lead=True).select_related("image")
        return (
            self.articles(obj)
            .for_listing()
            .prefetch_related(Prefetch("images", queryset=leads), "images__image__renditions")
            .newest_first()[:FEED_SIZE]
        )

    def stylesheets(self, obj=None):
        # Browsers show the feed through it; feed readers ignore it.
        return [Stylesheet(static(STYLESHEET), mimetype="text/xsl", media=None)]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        # Atom requires a summary of an entry without content; never leave it empty.
        return item.summary or item.headline

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.published_at, item.updated_at)

    def item_author_name(self, item):
        # Atom: every entry needs an author when the feed names none; the publication is one.
        return credits_of(item).author_line() or settings.SITE_NAME

    def item_guid(self, item):
        return permanent_id(item)

    item_guid_is_permalink = False

    def item_categories(self, item):
        return [item.section.name]

    def item_enclosures(self, item):
        picture = lead_picture(item)
        size = stored_size(picture.file) if picture else 0
        if not size:
            return []
        return [Enclosure(absolute_url(picture.file.url), str(size), media_type(picture.file))]

    def item_extra_kwargs(self, item):
        picture = lead_picture(item)
        return {"media": media_content(picture) if picture else None}


class SectionFeed(LatestFeed):
    """The newest articles of a section and its subsections."""

    def get_object(self, request, slug):
        return get_or_moved(Section.objects.with_ancestors(), slug)

    def title(self, obj=None):
        return f"{obj.name} · {settings.SITE_NAME}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return obj.description or f"The latest articles in {obj.name}."

    def articles(self, obj):
        return Article.objects.published().in_section(obj)


class TagFeed(LatestFeed):
    """The newest articles carrying a topic."""

    def get_object(self, request, slug):
        return get_or_moved(Tag.objects.public(), slug)

    def title(self, obj=None):
        return f"{obj.name} · {settings.SITE_NAME}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return obj.description or f"The latest articles about {obj.name}."

    def articles(self, obj):
        return Article.objects.published().tagged(obj)


class PersonFeed(LatestFeed):
    """The newest articles a person wrote or appears in."""

    def get_object(self, request, slug):
        return get_or_moved(Person.objects.named_in(Article.objects.published()), slug)

    def title(self, obj=None):
        return f"{obj.full_name} · {settings.SITE_NAME}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return f"The latest articles by or about {obj.full_name}."

    def articles(self, obj):
        wrote = Exists(Byline.objects.filter(article=OuterRef("pk"), person=obj))
        mentioned = Exists(Mention.objects.filter(article=OuterRef("pk"), person=obj))
        return Article.objects.published().filter(Q(wrote) | Q(mentioned))


def atom(feed_class: type[Feed]) -> type[Feed]:
    """Return the Atom twin of an RSS feed class."""
    return type(f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": MediaAtomFeed})


def permanent_id(article: Article) -> str:
    """Return the article's id in feeds: a tag: URI (RFC 4151) built from its primary key.

    Neither the slug nor the section is in it, so a new headline or a move never makes a
    feed reader show the story twice (RFC 4287 §4.2.6: an entry's id never changes).
    """
    authority = urlsplit(site_root()).hostname or "localhost"
    return f"tag:{authority},{article.created_at:%Y-%m-%d}:article:{article.pk}"


def lead_picture(article: Article):
    """Return the shared picture of the article's prefetched lead image, or None."""
    lead = next((image for image in article.images.all() if image.is_lead), None)
    return share_picture(lead)


def stored_size(file) -> int:
    """Return the file's size in bytes, or 0 when the storage cannot tell."""
    try:
        return file.size
    except (OSError, ValueError):
        return 0


def media_content(picture) -> dict:
    """Return the Media RSS media:content attributes of a shared picture."""
    attributes = {
        "url": absolute_url(picture.file.url),
        "type": media_type(picture.file),
        "medium": "image",
    }
    if picture.width and picture.height:
        attributes |= {"width": str(picture.width), "height": str(picture.height)}
    return attributes
