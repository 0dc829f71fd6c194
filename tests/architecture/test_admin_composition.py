"""No two classes of one admin define the same method: one piece can never hide another.

A collision between two pieces of the article admin (both defined `_render`) once made every
workflow confirmation page answer 500, and no test saw it.
"""

from collections import defaultdict

import pytest
from django.contrib import admin

PROJECT_PACKAGES = ("articles", "people", "images", "search", "core", "seeds", "config")


def project_classes(cls) -> list[type]:
    return [base for base in cls.__mro__ if base.__module__.split(".")[0] in PROJECT_PACKAGES]


def methods_defined_twice(cls) -> dict[str, list[str]]:
    """Return each method or property name that two project classes of `cls` both define."""
    owners = defaultdict(list)
    for base in project_classes(cls):
        for name, value in vars(base).items():
            if name.startswith("__") or not (callable(value) or isinstance(value, property)):
                continue
            if isinstance(value, type):
                continue  # nested classes (Media, Meta) are declarations, not methods
            owners[name].append(base.__name__)
    return {name: classes for name, classes in owners.items() if len(classes) > 1}


def admin_classes() -> list[type]:
    registered = [type(model_admin) for model_admin in admin.site._registry.values()]
    inlines = [inline for cls in registered for inline in getattr(cls, "inlines", [])]
    return registered + inlines


@pytest.mark.parametrize("cls", admin_classes(), ids=lambda cls: cls.__qualname__)
def test_no_two_pieces_of_an_admin_define_the_same_method(cls):
    assert methods_defined_twice(cls) == {}


def test_the_check_sees_a_collision():
    class First:
        def _render(self):
            return "first"

    class Second:
        def _render(self):
            return "second"

    First.__module__ = Second.__module__ = "articles.admin.example"
    collided = type("Collided", (First, Second), {"__module__": "articles.admin.example"})
    assert methods_defined_twice(collided) == {"_render": ["First", "Second"]}
