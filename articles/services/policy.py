"""Who may do what to an article: the rules the admin, the API and the commands share."""

from articles.models import Article

PUBLISH = "articles.publish_article"
CHANGE_ANY = "articles.change_any_article"
CHANGE = "articles.change_article"
ADD = "articles.add_article"
CORRECT = "articles.add_correction"


def can_write(user) -> bool:
    """Return True if `user` may write articles at all (contributors and editors)."""
    return user.has_perm(CHANGE)


def can_edit_any(user) -> bool:
    """Return True if `user` may edit every article (editors and administrators)."""
    return user.has_perm(CHANGE_ANY)


def can_publish(user) -> bool:
    """Return True if `user` may publish, schedule and unpublish."""
    return user.has_perm(PUBLISH)


def is_own(user, article: Article) -> bool:
    """Return True if `user` created `article`."""
    return article.pk is not None and article.created_by_id == user.pk


def can_view(user, article: Article) -> bool:
    """Return True if `user` may open `article` in the newsroom tools (and preview it)."""
    return can_edit_any(user) or (can_write(user) and is_own(user, article))


def can_edit(user, article: Article) -> bool:
    """Return True if `user` may change `article`: editors any, contributors their own drafts."""
    if can_edit_any(user):
        return True
    return can_write(user) and is_own(user, article) and article.status == Article.Status.DRAFT


def edit_refusal(user, article: Article) -> str:
    """Return why `user` may not edit `article`, or an empty string if they may."""
    if can_edit(user, article):
        return ""
    if not can_write(user):
        return "You do not have permission to edit articles."
    if not is_own(user, article):
        return "Contributors can edit only their own articles; ask an editor."
    return "This article is no longer a draft; only an editor can change it now."


def readable_articles(user, queryset):
    """Narrow `queryset` to what `user` may read anywhere: public articles and those they open."""
    return queryset.published() | visible_articles(user, queryset)


def may_read(user, article: Article) -> bool:
    """Return True if `user` may read `article`: it is public, or theirs to open."""
    return article.is_public or can_view(user, article)


def visible_articles(user, queryset):
    """Narrow `queryset` to the articles `user` may see in the newsroom tools."""
    if can_edit_any(user):
        return queryset
    if can_write(user):
        return queryset.filter(created_by=user)
    return queryset.none()
