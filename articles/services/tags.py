"""Tag maintenance."""

from django.db import transaction

from articles.models import FormerTagSlug, Tag

from .writing import move_taggings


@transaction.atomic
def merge_tags(*, target: Tag, duplicates: list[Tag]) -> int:
    """Move the duplicates' articles onto `target`, keep their names and slugs, delete them.

    Return the number of article taggings moved.
    """
    duplicates = [tag for tag in duplicates if tag.pk != target.pk]
    if not duplicates:
        return 0
    moved = 0
    for duplicate in duplicates:
        moved += move_taggings(duplicate=duplicate, target=target)
    names = [target.alias_list] + [[tag.name, *tag.alias_list] for tag in duplicates]
    merged = dict.fromkeys(name for group in names for name in group if name != target.name)
    target.aliases = "\n".join(merged)
    target.save(update_fields=["aliases"])
    # Every address a duplicate answered at (its slug, and its own former ones) now leads to
    # the target with a 301.
    FormerTagSlug.objects.filter(tag__in=duplicates).update(tag=target)
    FormerTagSlug.objects.bulk_create(
        [FormerTagSlug(tag=target, slug=tag.slug) for tag in duplicates if tag.slug != target.slug]
    )
    Tag.objects.filter(pk__in=[tag.pk for tag in duplicates]).delete()
    return moved
