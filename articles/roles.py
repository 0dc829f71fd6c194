"""The newsroom roles: Contributor, Editor and Administrator, as auth groups."""

from django.contrib.auth.models import Group, Permission

CONTRIBUTOR = "Contributor"
EDITOR = "Editor"
ADMINISTRATOR = "Administrator"
EDITOR_APPS = ["articles", "people", "taggit", "images", "fronts", "moving", "live"]


RELATION_MODELS = [
    "byline", "mention", "taggedarticle", "articleimage", "relatedarticle", "relatedheadline",
]  # fmt: skip
# What a Contributor may do: write and illustrate their own articles, look up the rest.
CONTRIBUTOR_PERMISSIONS = [
    ("articles", "article", ["add", "change", "view"]),
    *[("articles", model, ["add", "change", "delete", "view"]) for model in RELATION_MODELS],
    ("articles", "section", ["view"]),
    ("articles", "tag", ["view"]),
    ("articles", "correction", ["view"]),
    ("people", "person", ["view"]),
    ("people", "affiliation", ["view"]),
    # Illustrating their own articles: pick from the image library and upload to it.
    ("images", "image", ["add", "view"]),
    # Live coverage of their own drafts (live/services.py asks the article's edit rule).
    ("live", "livecoverage", ["add", "change", "view"]),
    ("live", "entry", ["add", "change", "delete", "view"]),
]


def top_up_roles(sender=None, using="default", **kwargs) -> None:
    """Make sure the three roles exist with their permissions, including apps added later.

    Runs after every migrate, and after a flush (which empties the groups table in tests).
    """
    permissions = Permission.objects.using(using)
    groups = Group.objects.using(using)
    contributor, _ = groups.get_or_create(name=CONTRIBUTOR)
    for app, model, actions in CONTRIBUTOR_PERMISSIONS:
        codenames = [f"{action}_{model}" for action in actions]
        contributor.permissions.add(
            *permissions.filter(content_type__app_label=app, codename__in=codenames)
        )
    editor, _ = groups.get_or_create(name=EDITOR)
    editor.permissions.add(*permissions.filter(content_type__app_label__in=EDITOR_APPS))
    administrator, _ = groups.get_or_create(name=ADMINISTRATOR)
    administrator.permissions.add(*permissions.all())
