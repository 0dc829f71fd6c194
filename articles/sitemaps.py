"""sitemap.xml: every public article, section, topic and person."""

from django.contrib.sitemaps import Sitemap

from people.models import Person

from .models import Article, Section, Tag


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
        return Tag.objects.public().order_by("pk")


class PersonSitemap(Sitemap):
    """People who wrote or appear in at least one public article."""

    changefreq = "daily"
    priority = 0.5

    def items(self):
        return Person.objects.named_in(Article.objects.published()).order_by("pk")


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "topics": TagSitemap,
    "people": PersonSitemap,
}
