"""sitemap.xml: every public article, section, topic and person."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef, Q

from people.models import Person

from .models import Article, Byline, Mention, Section, Tag, TaggedArticle


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8
    limit = 5000

    def items(self):
        return Article.objects.published().select_related("section").newest_first()

    def lastmod(self, item):
        return max(item.published_at, item.updated_at)


class SectionSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self):
        return Section.objects.order_by("pk")


class TagSitemap(Sitemap):
    """Topics that carry at least one public article."""

    changefreq = "daily"
    priority = 0.5

    def items(self):
        public = Article.objects.published().filter(pk=OuterRef("content_object_id"))
        used = TaggedArticle.objects.filter(Exists(public), tag=OuterRef("pk"))
        return Tag.objects.filter(Exists(used)).order_by("pk")


class PersonSitemap(Sitemap):
    """People who wrote or appear in at least one public article."""

    changefreq = "daily"
    priority = 0.5

    def items(self):
        public = Article.objects.published().filter(pk=OuterRef("article_id"))
        wrote = Byline.objects.filter(Exists(public), person=OuterRef("pk"))
        mentioned = Mention.objects.filter(Exists(public), person=OuterRef("pk"))
        return Person.objects.filter(Q(Exists(wrote)) | Q(Exists(mentioned))).order_by("pk")


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "topics": TagSitemap,
    "people": PersonSitemap,
}
