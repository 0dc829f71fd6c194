import pytest
from django.db import IntegrityError

from people.models import Person
from tests.factories import AffiliationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_people_are_found_by_full_name_short_name_or_alias():
    lee = PersonFactory(full_name="John Lee Ka-chiu", short_name="Lee", aliases="John Lee\n李家超")
    PersonFactory(full_name="Someone Else", short_name="Else")
    for name in ("john lee ka-chiu", "Lee", "John Lee", "李家超"):
        assert list(Person.objects.matching_name(name)) == [lee]


def test_contributors_are_our_own_journalists():
    reporter = PersonFactory(kind=Person.Kind.CONTRIBUTOR)
    PersonFactory()
    assert list(Person.objects.contributors()) == [reporter]
    assert reporter.is_contributor


def test_an_affiliation_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        AffiliationFactory(start_date="2020-01-01", end_date="2019-01-01")


def test_person_url_uses_the_slug():
    assert PersonFactory(slug="starry-lee").get_absolute_url() == "/person/starry-lee/"
