"""Public addresses on the site, built from the `SITE_URL` setting."""

from django.conf import settings


def site_root() -> str:
    """Return the public address of the site, without a trailing slash."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(url: str) -> str:
    """Return `url` made absolute when it is a path; a full address or "" is returned as is."""
    # Storage backends may already hand out full addresses (a CDN), which stay untouched.
    return site_root() + url if url.startswith("/") else url
