"""Where an old address leads now."""

from articles.models import Article
from moving.models import Redirect


def new_address(old_path: str) -> str | None:
    """Return the current address of the public article `old_path` led to, else None."""
    article_id = (
        Redirect.objects.filter(old_path=old_path[:500])
        .values_list("article_id", flat=True)
        .first()
    )
    if article_id is None:
        return None
    article = Article.objects.published().select_related("section").filter(pk=article_id).first()
    return article.get_absolute_url() if article else None
