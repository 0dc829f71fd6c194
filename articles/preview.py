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
from articles.prefetching import set_prefetched
from articles.selectors import load_pictures, tags_by_kind
from articles.seo import describe
from articles.services.revisions import article_versions
from articles.story import render_story

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


# The relations the article page shows: (the key each row names, the rows' own paths
# to fetch with it). Each is built from the revision, then its key is loaded live.
PAGE_RELATIONS = {
    "bylines": ("person", ()),
    "mentions": ("person", ()),
    "tagged_items": ("tag", ()),
    "images": ("image", ()),
    "related_headlines": ("target", ("section",)),
}


def article_from_version(version: Version) -> Article:
    """Return an unsaved article with the fields and page relations of `version`.

    Bylines, mentions, topics, pictures and related headlines come from the revision, so
    the preview shows the people and tags the article had then, not the ones it has now.
    """
    if version.content_type.model_class() is not Article:
        raise Http404("Not an article's revision.")
    article = version._object_version.object
    for name, items in revision_relations(version).items():
        set_prefetched(article, name, items)
    return article


def revision_relations(version: Version) -> dict[str, list]:
    """Return the page relations of the article as `version`'s revision holds them."""
    article_id = int(version.object_id)
    by_model = {Article._meta.get_field(name).related_model: name for name in PAGE_RELATIONS}
    rows = {name: [] for name in PAGE_RELATIONS}
    for other in article_versions(version.revision, article_id=article_id):
        name = by_model.get(other._model)
        if name is not None:
            rows[name].append(other._object_version.object)
    for name, items in rows.items():
        key, paths = PAGE_RELATIONS[name]
        rows[name] = _with_targets(items, key, paths)
        _sort(rows[name], items[0]._meta.ordering if items else [])
    return rows


def _with_targets(rows: list, key: str, paths: tuple) -> list:
    """Load what each row's `key` names in one query; drop rows whose target is gone."""
    if not rows:
        return rows
    field = rows[0]._meta.get_field(key)
    ids = {getattr(row, field.attname) for row in rows} - {None}
    targets = field.related_model._default_manager.select_related(*paths).in_bulk(ids)
    kept = []
    for row in rows:
        target_id = getattr(row, field.attname)
        if target_id is None:
            kept.append(row)
        elif target_id in targets:
            setattr(row, key, targets[target_id])
            kept.append(row)
    return kept


def _sort(rows: list, ordering) -> None:
    """Sort rows in place as the model's Meta.ordering sorts them in the database."""
    for spec in reversed(ordering):
        path = spec.lstrip("-").split("__")
        rows.sort(key=lambda row, path=path: _value(row, path), reverse=spec.startswith("-"))


def _value(row, path: list[str]):
    for name in path:
        row = getattr(row, name)
    return row


def render_preview(request, version: Version) -> HttpResponse:
    """Render `version` with the public article template, marked noindex and never cached."""
    return render_article(request, article_from_version(version), version=version)


def render_article(request, article: Article, *, version: Version | None = None) -> HttpResponse:
    """Render a prefetched article as readers will see it, marked noindex and never cached."""
    context = {
        "article": article,
        "body_html": load_pictures(article),
        "tag_groups": tags_by_kind(article),
        "meta": {"title": article.seo_title or article.headline, "description": describe(article)},
        "preview": version,
    }
    context["story"] = render_story(context)  # never kept: a preview is not the public page
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
    if not _still_shared(version):
        return _gone(request)
    return render_preview(request, version)


def _still_shared(version: Version) -> bool:
    """Return True while the article of `version` exists and has not been taken down.

    A link outlives neither: once an editor unpublishes or deletes a story, nobody holding
    an old link may read it (its revisions stay, for the newsroom's history).
    """
    return (
        Article.objects.filter(pk=version.object_id)
        .exclude(status=Article.Status.UNPUBLISHED)
        .exists()
    )
