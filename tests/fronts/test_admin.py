"""Editors curate fronts in the admin; Contributors do not see them."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles import roles
from fronts.models import Front, Slot
from fronts.services import SlotChoice, write_front
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db


def signed_in(client, role: str):
    user = UserFactory(username=f"{role.lower()}-member", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return client


def front_pages(front: Front) -> list[str]:
    return [
        reverse("admin:fronts_front_changelist"),
        reverse("admin:fronts_front_add"),
        reverse("admin:fronts_front_change", args=[front.pk]),
        reverse("admin:fronts_front_history", args=[front.pk]),
        reverse("admin:fronts_front_delete", args=[front.pk]),
    ]


@pytest.mark.parametrize("role", [roles.EDITOR, roles.ADMINISTRATOR])
def test_editors_and_administrators_open_every_front_page(client, role):
    front = write_front(section=None, slots=[SlotChoice(article=ArticleFactory())])
    client = signed_in(client, role)
    for url in front_pages(front):
        assert client.get(url).status_code == 200, url
    assert reverse("admin:fronts_front_changelist") in client.get(reverse("admin:index")).text


def test_a_contributor_neither_sees_nor_opens_fronts(client):
    front = write_front(section=None, slots=[])
    client = signed_in(client, roles.CONTRIBUTOR)
    assert "fronts/front/" not in client.get(reverse("admin:index")).text
    for url in front_pages(front):
        assert client.get(url).status_code == 403, url


def slot_form(rows: list[dict]) -> dict:
    data = {
        "slots-TOTAL_FORMS": str(len(rows)),
        "slots-INITIAL_FORMS": "0",
        "slots-MIN_NUM_FORMS": "0",
        "slots-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        data.update({f"slots-{n}-{key}": value for key, value in row.items()})
    return data


def test_an_editor_curates_a_section_front_through_the_admin(client):
    section = SectionFactory()
    lead, second = ArticleFactory(), ArticleFactory()
    no_start = {"starts_at_0": "", "starts_at_1": ""}
    rows = [
        {"place": "lead", "position": "0", "article": str(lead.pk), **no_start},
        {"place": "secondary", "position": "1", "article": str(second.pk), **no_start},
    ]
    response = signed_in(client, roles.EDITOR).post(
        reverse("admin:fronts_front_add"), {"section": str(section.pk), **slot_form(rows)}
    )
    assert response.status_code == 302, response.text
    front = Front.objects.get(section=section)
    slots = list(front.slots.values_list("place", "article_id"))
    assert slots == [(Slot.Place.LEAD, lead.pk), (Slot.Place.SECONDARY, second.pk)]


def test_a_second_front_for_the_home_page_is_refused_with_a_message(client):
    write_front(section=None, slots=[])
    response = signed_in(client, roles.EDITOR).post(
        reverse("admin:fronts_front_add"), {"section": "", **slot_form([])}
    )
    assert response.status_code == 200
    assert "errornote" in response.text
    assert Front.objects.count() == 1
