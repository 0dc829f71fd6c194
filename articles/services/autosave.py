"""Autosaves: a writer's unsaved change form, kept per user and article, never applied by itself.

The article is only ever written by writing.write_article() when the writer saves; an autosave
is a copy the change form can offer back ("Restore your unsaved changes") after a closed tab.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, Autosave

MAX_FIELDS = 300
MAX_CHARACTERS = 1_000_000


def keep_autosave(*, article: Article, user, fields: dict, article_version: int) -> Autosave:
    """Keep `fields` (form names to string values) as `user`'s unsaved copy of `article`."""
    validate_fields(fields)
    autosave, _ = Autosave.objects.update_or_create(
        article=article,
        user=user,
        defaults={
            "fields": fields,
            "article_version": article_version,
            "saved_at": timezone.now(),
        },
    )
    return autosave


def validate_fields(fields) -> None:
    """Refuse anything but a modest mapping of field names to strings."""
    if not isinstance(fields, dict) or not fields:
        raise ValidationError("Send the form's fields as an object of names and values.")
    if len(fields) > MAX_FIELDS:
        raise ValidationError(f"At most {MAX_FIELDS} fields are kept.")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in fields.items()):
        raise ValidationError("Every field name and value must be text.")
    if sum(len(k) + len(v) for k, v in fields.items()) > MAX_CHARACTERS:
        raise ValidationError("The form is too large to keep.")


def newer_autosave(*, article: Article, user) -> Autosave | None:
    """Return `user`'s autosave of `article` if it is newer than the article's last save."""
    return (
        Autosave.objects.filter(article=article, user=user, saved_at__gt=article.updated_at)
        .only("pk", "saved_at", "article_version")
        .first()
    )


def discard_autosave(*, article: Article, user) -> None:
    """Forget `user`'s autosave of `article`, once their save has gone through."""
    Autosave.objects.filter(article=article, user=user).delete()
