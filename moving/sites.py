"""The two kinds of export, each read into a Site the importer takes."""

from pathlib import Path

from django.conf import settings

from moving.models import Source
from moving.readers import wxr
from moving.readers.ghost import GhostExport
from moving.services import Site


def wordpress_site(path: Path, time_zone: str | None = None) -> Site:
    """Read a WXR file: a first pass for what posts refer to; posts are read as imported."""
    found = wxr.read_site(path)
    zone = time_zone or settings.TIME_ZONE
    return Site(
        source=Source.WORDPRESS,
        authors=found.authors,
        categories=found.categories,
        tags=found.tags,
        posts=lambda: wxr.read_posts(path, found, zone),
        total=found.posts,
    )


def ghost_site(path: Path) -> Site:
    """Read a Ghost JSON export."""
    export = GhostExport(path)
    return Site(
        source=Source.GHOST,
        authors=export.authors(),
        categories=export.categories(),
        tags=export.tags(),
        posts=export.posts,
        total=len(export.data.get("posts", [])),
    )
