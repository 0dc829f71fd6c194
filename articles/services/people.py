"""People upkeep: merging a duplicate person into the one to keep."""

from django.db import router, transaction

from events.services import record
from people.models import FormerPersonSlug, Person

from .writing import move_person_rows

# The relations merging handles itself (unique per article, or the slug history).
HANDLED = {"bylines", "mentions", "former_slugs"}


def merge_people(*, target: Person, duplicates: list[Person]) -> int:
    """Move the duplicates' bylines, mentions and the rest onto `target`; delete them.

    Their names join `target`'s aliases (the importer then matches them) and their slugs its
    former slugs (their pages and feeds answer 301). Return how many articles were touched.
    """
    duplicates = [person for person in duplicates if person.pk != target.pk]
    if not duplicates:
        return 0
    with transaction.atomic(using=router.db_for_write(Person)):
        touched: set[int] = set()
        for duplicate in duplicates:
            touched |= move_person_rows(duplicate=duplicate, target=target)
            _move_other_rows(duplicate, target)
        _keep_names(target, duplicates)
        Person.objects.filter(pk__in=[person.pk for person in duplicates]).delete()
        people = [target.pk, *(person.pk for person in duplicates)]
        for article in sorted(touched):
            payload = {"article": article, "sections": [], "topics": [], "people": people}
            record("article.updated", payload)
    return len(touched)


def _move_other_rows(duplicate: Person, target: Person) -> None:
    """Point every other row naming the duplicate (affiliations, import records) at `target`."""
    for relation in Person._meta.related_objects:
        if relation.get_accessor_name() in HANDLED or not relation.one_to_many:
            continue
        rows = relation.related_model._base_manager.filter(**{relation.field.name: duplicate})
        rows.update(**{relation.field.name: target})


def _keep_names(target: Person, duplicates: list[Person]) -> None:
    FormerPersonSlug.objects.filter(person__in=duplicates).update(person=target)
    FormerPersonSlug.objects.bulk_create(
        [FormerPersonSlug(person=target, slug=p.slug) for p in duplicates if p.slug != target.slug]
    )
    names = [*target.alias_list, *(n for p in duplicates for n in (p.full_name, *p.alias_list))]
    kept = {name.lower(): name for name in reversed(names)}  # the first spelling of each
    kept.pop(target.full_name.lower(), None)
    target.aliases = "\n".join(reversed(kept.values()))
    target.save(update_fields=["aliases"])
