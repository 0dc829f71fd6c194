"""Create the newsroom roles (Contributor, Editor, Administrator) as groups with permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# A frozen copy of the roles as they were when this migration was written; articles/roles.py
# holds the live definition and tops the groups up after every migrate.
RELATION_MODELS = [
    "byline",
    "mention",
    "taggedarticle",
    "articleimage",
    "relatedarticle",
    "relatedheadline",
]
CONTRIBUTOR = [
    ("articles", "article", ["add", "change", "view"]),
    *[("articles", model, ["add", "change", "delete", "view"]) for model in RELATION_MODELS],
    ("articles", "section", ["view"]),
    ("articles", "tag", ["view"]),
    ("articles", "correction", ["view"]),
    ("people", "person", ["view"]),
    ("people", "affiliation", ["view"]),
]
EDITOR_APPS = ["articles", "people", "taggit"]


def ensure_permissions(apps):
    """Create the permissions now: post_migrate has not run yet on a fresh database."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def contributor_permissions(Permission):
    codenames = [
        (app, f"{action}_{model}") for app, model, actions in CONTRIBUTOR for action in actions
    ]
    found = Permission.objects.none()
    for app, codename in codenames:
        found |= Permission.objects.filter(content_type__app_label=app, codename=codename)
    return found


def create_roles(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    contributor, _ = Group.objects.get_or_create(name="Contributor")
    contributor.permissions.add(*contributor_permissions(Permission))
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(*Permission.objects.filter(content_type__app_label__in=EDITOR_APPS))
    administrator, _ = Group.objects.get_or_create(name="Administrator")
    administrator.permissions.add(*Permission.objects.all())


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=["Contributor", "Editor", "Administrator"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_workflow_events_corrections_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("people", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
