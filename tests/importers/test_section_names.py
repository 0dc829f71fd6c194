"""An import finds its section by the name in its copy, a section's former names included."""

import pytest

from articles.services.importing import plan_import
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db


def test_a_renamed_section_keeps_its_old_name_and_an_import_naming_it_lands_there(ferry_bytes):
    SectionFactory(name="Aaa first", slug="aaa-first", position=0)  # the fallback otherwise
    section = SectionFactory(name="Business", slug="business", position=5)
    section.name, section.slug = "Money", "money"
    section.save()
    section.refresh_from_db()
    assert section.alias_list == ["Business"]
    # The story's "Next In Business" list names the section by its former name.
    assert plan_import(data=ferry_bytes).section == section


def test_an_alias_given_by_an_editor_is_matched_whole_not_as_part_of_another(ferry_bytes):
    SectionFactory(name="Aaa first", slug="aaa-first", position=0)
    SectionFactory(name="Markets", slug="markets", aliases="Business Travel", position=5)
    # "Business" is inside "Business Travel" but is not that alias: the fallback is taken.
    assert plan_import(data=ferry_bytes).section.slug == "aaa-first"
