from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import feeds, views
from .sitemaps import SITEMAPS

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("section/<slug:slug>/", views.section_detail, name="section"),
    path("topic/<slug:slug>/", views.tag_detail, name="tag"),
    path("archive/<int:year>/<int:month>/", views.archive_month, name="archive"),
    path("feeds/latest/", feeds.LatestFeed(), name="feed-latest"),
    path("feeds/latest/atom/", feeds.atom(feeds.LatestFeed)(), name="feed-latest-atom"),
    path("feeds/section/<slug:slug>/", feeds.SectionFeed(), name="feed-section"),
    path(
        "feeds/section/<slug:slug>/atom/",
        feeds.atom(feeds.SectionFeed)(),
        name="feed-section-atom",
    ),
    path("feeds/topic/<slug:slug>/", feeds.TagFeed(), name="feed-tag"),
    path("feeds/topic/<slug:slug>/atom/", feeds.atom(feeds.TagFeed)(), name="feed-tag-atom"),
    path("feeds/person/<slug:slug>/", feeds.PersonFeed(), name="feed-person"),
    path("feeds/person/<slug:slug>/atom/", feeds.atom(feeds.PersonFeed)(), name="feed-person-atom"),
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
    path("<slug:section>/<int:pk>/<slug:slug>/", views.article_detail, name="detail"),
]
