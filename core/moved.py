"""Pages of renamed records answer 301 at their former slugs (see core/former.py)."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.encoding import iri_to_uri


class Moved(Exception):
    """The record asked for by `old` slug now lives at `new`."""

    def __init__(self, old: str, new: str):
        super().__init__(f"{old} is now {new}")
        self.old, self.new = old, new


def get_or_moved(queryset, slug: str, former: str = "former_slugs__slug"):
    """Return the record of `queryset` with `slug`; raise Moved if one had it before, else 404.

    The former slug is looked up in the same queryset, so a record its page may not show
    is neither shown nor pointed to.
    """
    try:
        return queryset.get(slug=slug)
    except queryset.model.DoesNotExist:
        pass
    raise_moved_or_missing(queryset, slug, former)


def raise_moved_or_missing(queryset, slug: str, former: str = "former_slugs__slug"):
    """Raise Moved if a record of `queryset` had `slug` before, else 404 (none has it now)."""
    new = queryset.filter(**{former: slug}).values_list("slug", flat=True).first()
    if new is None:
        raise Http404(f"No {queryset.model._meta.verbose_name} at “{slug}”.")
    raise Moved(slug, new)


class MovedMiddleware:
    """Turn Moved raised by a page or a feed into a 301 to the same path with the new slug."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Moved):
            return None
        parts = [
            exception.new if part == exception.old else part for part in request.path.split("/")
        ]
        location = iri_to_uri("/".join(parts))
        if request.META.get("QUERY_STRING"):
            location += "?" + request.META["QUERY_STRING"]
        return HttpResponsePermanentRedirect(location)
