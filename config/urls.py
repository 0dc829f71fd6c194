"""Top-level URL map: admin, API, feeds, sitemaps and the public site."""

import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularSwaggerSplitView

from accounts.views import security_txt
from articles.preview import shared_preview
from core.api.schema_view import SchemaView
from core.media import serve_media
from core.views import bench_ceiling
from events import health

urlpatterns = [
    path(".well-known/security.txt", security_txt, name="security-txt"),
    path("admin/account/", include("accounts.urls")),
    path("admin/account/webauthn/", include("accounts.passkey_urls")),
    path("admin/", admin.site.urls),
    # For load balancers (docs/operators.md, "Health").
    path("health/live/", health.live, name="health-live"),
    path("health/ready/", health.ready, name="health-ready"),
    path("api/v1/", include("config.api_router")),
    path("api/schema/", SchemaView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("person/", include("people.urls")),
    path("preview/<str:token>/", shared_preview, name="article-preview"),
    path("search/", include("search.urls")),
    path("live/", include("live.urls")),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA:
    media_prefix = re.escape(settings.MEDIA_URL.strip("/"))
    urlpatterns.append(re_path(rf"^{media_prefix}/(?P<path>.+)$", serve_media))

if settings.BENCH_CEILING:
    # bench/serve.py's trivial view; production never sets BENCH_CEILING.
    urlpatterns.insert(0, path("bench/ceiling/", bench_ceiling))


handler400 = "core.views.bad_request"
handler404 = "articles.views.page_not_found"
