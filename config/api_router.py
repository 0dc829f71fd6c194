"""Version 1 of the API: one router for every app's resources."""

from rest_framework.routers import DefaultRouter

from articles.api.views import ArticleViewSet, SectionViewSet, TagViewSet
from people.api.views import PersonViewSet

app_name = "api"

router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("sections", SectionViewSet, basename="section")
router.register("tags", TagViewSet, basename="tag")
router.register("people", PersonViewSet, basename="person")

urlpatterns = router.urls
