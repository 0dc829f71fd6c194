"""The image library is open to the roles that illustrate articles, through their real groups."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles import roles
from seeds.accounts import DEMO_USERNAME, ensure_demo_editor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = {"app_label": "articles", "model_name": "articleimage", "field_name": "image"}


def signed_in(client, role):
    user = UserFactory(username=f"{role.lower()}-member", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    client.user = user
    return client


def library_pages():
    return [
        (reverse("admin:images_image_changelist"), {}),
        (reverse("admin:images_image_picker"), {}),
        (reverse("admin:autocomplete"), AUTOCOMPLETE),
    ]


@pytest.mark.parametrize("role", [roles.EDITOR, roles.ADMINISTRATOR])
def test_editors_open_the_library_the_picker_and_its_autocomplete(client, role):
    client = signed_in(client, role)
    for path, params in library_pages():
        assert client.get(path, params).status_code == 200, path


def test_a_contributor_picks_and_uploads_pictures_but_edits_none(client):
    client = signed_in(client, roles.CONTRIBUTOR)
    for path, params in library_pages():
        assert client.get(path, params).status_code == 200, path
    assert client.get(reverse("admin:images_image_add")).status_code == 200
    assert not client.user.has_perm("images.change_image")


def test_the_demo_editor_opens_the_library_with_the_editor_role_alone(client):
    ensure_demo_editor()
    user = Group.objects.get(name=roles.EDITOR).user_set.get(username=DEMO_USERNAME)
    assert not user.user_permissions.exists()
    client.force_login(user)
    for path, params in library_pages():
        assert client.get(path, params).status_code == 200, path
