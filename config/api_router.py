"""Version 1 of the API: one router for every app's resources."""

from django.urls import re_path
from rest_framework.routers import DefaultRouter

from articles.api.views import ArticleViewSet, ReadablePersonViewSet, SectionViewSet, TagViewSet
from core.api.problems import not_found
from live.api import LiveEntryViewSet
from webhooks.api import EndpointViewSet

app_name = "api"

router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("sections", SectionViewSet, basename="section")
router.register("tags", TagViewSet, basename="tag")
# People's endpoint, shown as far as the articles the caller may read name them.
router.register("people", ReadablePersonViewSet, basename="person")
# Partners' webhook endpoints, for Administrators only.
router.register("webhooks", EndpointViewSet, basename="webhook")
# A live article's entries (live/api.py).
router.register(
    r"articles/(?P<article_pk>[0-9]+)/live-entries", LiveEntryViewSet, basename="live-entry"
)

# Last: any other address under the API is a 404 in the API's error format, not an HTML page.
# Only addresses ending in a slash, so that Django still adds a forgotten final slash.
urlpatterns = [*router.urls, re_path(r"^(?P<path>(?:.*/)?)$", not_found)]
