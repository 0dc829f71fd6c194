"""Version 1 of the API: one router for every resource."""

from rest_framework.routers import DefaultRouter

from people.api.views import PersonViewSet

from .views import ArticleViewSet, SectionViewSet, TagViewSet

app_name = "api"

router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("sections", SectionViewSet, basename="section")
router.register("tags", TagViewSet, basename="tag")
router.register("people", PersonViewSet, basename="person")

urlpatterns = router.urls
