"""Public addresses on the site: `SITE_URL` in production, the address served in development."""

from contextvars import ContextVar

from django.conf import settings

# The scheme, host and port of the request being answered, set only in development.
_served_root: ContextVar[str] = ContextVar("served_root", default="")


def site_root() -> str:
    """Return the public address of the site, without a trailing slash.

    In development (DEBUG) it is the address the request came to, so `make run PORT=8200`
    gives links, feeds and API addresses that work; production always uses `SITE_URL`.
    """
    if settings.DEBUG and _served_root.get():
        return _served_root.get()
    return settings.SITE_URL.rstrip("/")


def absolute_url(url: str) -> str:
    """Return `url` made absolute when it is a path; a full address or "" is returned as is."""
    # Storage backends may already hand out full addresses (a CDN), which stay untouched.
    return site_root() + url if url.startswith("/") else url


class ServedAddressMiddleware:
    """In development, make the request's own address the site's for absolute URLs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.DEBUG:
            return self.get_response(request)
        # get_host() checks ALLOWED_HOSTS, so only an address the site accepts is used.
        token = _served_root.set(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            _served_root.reset(token)
