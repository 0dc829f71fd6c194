"""Serve uploaded files so that none can run as a page: pictures inline, the rest downloaded."""

from django.conf import settings
from django.db import transaction
from django.views import static

# Types a browser only ever draws; SVG is left out, since it can carry script.
PICTURE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"})


# Files need no database: no transaction, so pictures still load while the database is down.
@transaction.non_atomic_requests
def serve_media(request, path: str):
    """Return the uploaded file at `path` with headers that keep it inert."""
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    # Even a file that a browser opened directly may run nothing and load nothing.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    if response.get("Content-Type") not in PICTURE_TYPES:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    return response
