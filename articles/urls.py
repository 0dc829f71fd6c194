from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from core import converters  # noqa: F401  (registers the uslug converter)

from . import feeds, views
from .sitemaps import SITEMAPS

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("section/<uslug:slug>/", views.section_detail, name="section"),
    path("topic/<uslug:slug>/", views.tag_detail, name="tag"),
    path("archive/", views.archive_index, name="archive-index"),
    path("archive/<int:year>/<int:month>/", views.archive_month, name="archive"),
    path("feeds/latest/", feeds.LatestFeed(), name="feed-latest"),
    path("feeds/latest/atom/", feeds.atom(feeds.LatestFeed)(), name="feed-latest-atom"),
    path("feeds/section/<uslug:slug>/", feeds.SectionFeed(), name="feed-section"),
    path(
        "feeds/section/<uslug:slug>/atom/",
        feeds.atom(feeds.SectionFeed)(),
        name="feed-section-atom",
    ),
    path("feeds/topic/<uslug:slug>/", feeds.TagFeed(), name="feed-tag"),
    path("feeds/topic/<uslug:slug>/atom/", feeds.atom(feeds.TagFeed)(), name="feed-tag-atom"),
    path("feeds/person/<uslug:slug>/", feeds.PersonFeed(), name="feed-person"),
    path(
        "feeds/person/<uslug:slug>/atom/", feeds.atom(feeds.PersonFeed)(), name="feed-person-atom"
    ),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "articles:sitemap-part"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-part",
    ),
    path("news-sitemap.xml", views.news_sitemap, name="news-sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("site.webmanifest", views.web_manifest, name="web-manifest"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("<uslug:section>/<int:pk>/<uslug:slug>/", views.article_detail, name="detail"),
]
