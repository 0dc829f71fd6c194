"""The record of an article's workflow steps, written by every service that takes one."""

from articles.models import Article, ArticleEvent


def record_event(
    *, article: Article, user, action: str, from_status: str = "", note: str = "", publish_at=None
) -> ArticleEvent:
    """Record one workflow step of `article` by `user`, now."""
    return ArticleEvent.objects.create(
        article=article,
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        from_status=from_status,
        to_status=article.status,
        publish_at=publish_at,
        note=note,
    )
