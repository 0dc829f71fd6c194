"""Every file field of every installed model, read from the models themselves."""

from collections.abc import Iterator

from django.apps import apps
from django.db import models


def file_fields() -> Iterator[tuple[type[models.Model], models.FileField]]:
    """Yield each concrete model with each of its file (and image) fields."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                yield model, field


def referenced_files() -> set[str]:
    """Return the name of every file that some row's file field names."""
    names: set[str] = set()
    for model, field in file_fields():
        rows = model._base_manager.exclude(**{field.attname: ""}).exclude(
            **{f"{field.attname}__isnull": True}
        )
        names.update(rows.values_list(field.attname, flat=True))
    return names
