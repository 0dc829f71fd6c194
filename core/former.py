"""Former names and slugs: a renamed person, topic or section keeps what it was called.

A record that mixes in `KeepsFormerNames` notices, when saved, that its slug or its name
changed since it was read: the old slug goes to the model's own slug history (its pages and
feeds then answer 301 to the new one, core/moved.py) and the old name joins its aliases (the
importer then recognises it). Each app keeps the history of its own kind in its own table,
with a foreign key, so a deleted record takes its history with it.
"""

from django.db import router, transaction

from .text import split_lines


class KeepsFormerNames:
    """Keep the former slug (`keep_former_slug`) and name (an alias) of a renamed record."""

    name_field = "name"
    alias_field: str | None = "aliases"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.remember_names()
        return instance

    def remember_names(self) -> None:
        """Note the slug and name as they are now, to compare with at the next save."""
        loaded = self.__dict__
        self._former = {key: loaded.get(key) for key in ("slug", self.name_field)}

    def save(self, *args, **kwargs):
        former = getattr(self, "_former", {})
        old_name, old_slug = former.get(self.name_field), former.get("slug")
        if old_name and self.alias_field and old_name != getattr(self, self.name_field):
            self._add_alias(old_name, kwargs)
        with transaction.atomic(using=router.db_for_write(type(self))):
            super().save(*args, **kwargs)
            if old_slug and self.slug and old_slug != self.slug:
                self.keep_former_slug(old_slug)
        self.remember_names()

    def _add_alias(self, name: str, kwargs: dict) -> None:
        aliases = split_lines(getattr(self, self.alias_field))
        if name.lower() not in {alias.lower() for alias in aliases}:
            setattr(self, self.alias_field, "\n".join([*aliases, name]))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], self.alias_field}

    def keep_former_slug(self, slug: str) -> None:
        """Record that this record answered at `slug` before."""
        raise NotImplementedError
