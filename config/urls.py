"""Top-level URL map: admin, API, feeds, sitemaps and the public site."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from articles.preview import shared_preview
from core.views import bench_ceiling

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_router")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("person/", include("people.urls")),
    path("preview/<str:token>/", shared_preview, name="article-preview"),
    path("search/", include("search.urls")),
    path("", include("articles.urls")),
]

if settings.BENCH_CEILING:
    # bench/serve.py's trivial view; production never sets BENCH_CEILING.
    urlpatterns.insert(0, path("bench/ceiling/", bench_ceiling))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "core.views.bad_request"
