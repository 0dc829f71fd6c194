"""RSS and Atom feeds of the latest articles, of a section, of a topic and of a person."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from people.models import Person

from .models import Article, Byline, Mention, Section, Tag

FEED_SIZE = 30


class LatestFeed(Feed):
    """The newest published articles of the whole site."""

    description = "The latest articles."

    def title(self, obj=None):
        return settings.SITE_NAME

    def link(self, obj=None):
        return "/"

    def articles(self, obj):
        """Return the published articles this feed is about."""
        return Article.objects.published()

    def items(self, obj=None):
        return self.articles(obj).for_listing().newest_first()[:FEED_SIZE]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.standfirst

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.published_at, item.updated_at)

    def item_author_name(self, item):
        names = [b.person.full_name for b in item.bylines.all() if b.role == Byline.Role.AUTHOR]
        return ", ".join(names) or None

    def item_categories(self, item):
        return [item.section.name]


class SectionFeed(LatestFeed):
    """The newest articles of a section and its subsections."""

    def get_object(self, request, slug):
        return get_object_or_404(Section.objects.with_ancestors(), slug=slug)

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
        return get_object_or_404(Tag, slug=slug)

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
        return get_object_or_404(Person, slug=slug)

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
    return type(f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": Atom1Feed})
