"""Previews of any revision of an article, in the public template, never indexed or cached.

Newsroom members preview from the admin; anyone else needs a link signed with
`TimestampSigner`, which stops working after `PREVIEW_LINK_MAX_AGE` seconds.
"""

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from reversion.models import Version

from articles.models import Article

SALT = "articles.preview"
DEFAULT_MAX_AGE = 3 * 24 * 60 * 60


def max_age() -> int:
    """Return how many seconds a shared preview link stays valid."""
    return int(getattr(settings, "PREVIEW_LINK_MAX_AGE", DEFAULT_MAX_AGE))


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def share_token(version: Version) -> str:
    """Return a signed, timestamped token naming `version`."""
    return _signer().sign(str(version.pk))


def share_path(version: Version) -> str:
    """Return the path of a shareable preview link for `version`."""
    return reverse("article-preview", kwargs={"token": share_token(version)})


def article_from_version(version: Version) -> Article:
    """Return an unsaved article holding the fields of `version`."""
    if version.content_type.model_class() is not Article:
        raise Http404("Not an article's revision.")
    return version._object_version.object


def render_preview(request, version: Version) -> HttpResponse:
    """Render `version` with the public article template, marked noindex and never cached."""
    article = article_from_version(version)
    context = {
        "article": article,
        "meta": {"title": article.seo_title or article.headline, "description": ""},
        "preview": version,
    }
    response = render(request, "articles/article_preview.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)
    return response


def _gone(request) -> HttpResponse:
    response = render(request, "articles/preview_expired.html", status=410)
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)
    return response


def shared_preview(request, token: str) -> HttpResponse:
    """Show the revision a signed link names, while the link is valid."""
    try:
        version_id = _signer().unsign(token, max_age=max_age())
    except signing.SignatureExpired:
        return _gone(request)
    except signing.BadSignature as error:
        raise Http404("No such preview.") from error
    version = Version.objects.filter(pk=version_id).select_related("revision").first()
    if version is None:
        raise Http404("No such preview.")
    return render_preview(request, version)
