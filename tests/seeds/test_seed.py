import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from articles.models import Article, Byline, Mention, Section, Tag
from fronts.models import Front, Slot
from live.models import Entry, LiveCoverage
from people.models import Person
from seeds.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_USERNAME
from tests.kept import kept_for_the_scope

pytestmark = pytest.mark.django_db

MODELS = [Article, Section, Tag, Person, Byline, Mention, Front, Slot, LiveCoverage, Entry]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seeding_twice_changes_nothing(capsys):
    assert counts() == dict.fromkeys(counts(), 0)  # the first seed is into an empty database
    call_command("seed")
    first = counts()
    published_at = dict(Article.objects.values_list("slug", "published_at"))
    call_command("seed")
    assert counts() == first
    assert dict(Article.objects.values_list("slug", "published_at")) == published_at


@pytest.fixture(scope="class")
def seeded_once(django_db_setup, django_db_blocker):
    """Seed the demo newsroom once for a class of tests; roll it back after them."""
    with kept_for_the_scope(django_db_blocker):
        with django_db_blocker.unblock():
            call_command("seed")
        yield


@pytest.mark.usefixtures("seeded_once")
class TestSeedingAgain:
    """Each test seeds the demo newsroom once more, over one seeded once for them all.

    The first seed of an empty database draws every picture and makes its renditions, by
    far the slowest part; test_seeding_twice_changes_nothing shows a second changes nothing.
    """

    def test_the_demo_newsroom_is_rich_enough_for_related_coverage(self):
        call_command("seed")
        assert Article.objects.published().count() >= 12
        assert Person.objects.contributors().count() >= 2
        kinds = set(Tag.objects.values_list("kind", flat=True))
        assert {kind for kind, _ in Tag.Kind.choices} <= kinds
        for slug in ("hong-kong", "china", "asia", "world", "business", "tech", "aseanplus-news"):
            assert Section.objects.filter(slug=slug).exists(), slug
        for name in ("Priscilla Leung Mei-fun", "John Lee Ka-chiu", "Jonathan Choi Koon-shum"):
            assert Person.objects.filter(full_name=name).exists(), name

    def test_demo_mode_creates_the_editor_once_and_says_how_to_log_in(self, settings, capsys):
        settings.MASTHEAD_DEMO = True
        call_command("seed")
        assert "password" in capsys.readouterr().out
        call_command("seed")
        assert get_user_model().objects.filter(username=DEMO_USERNAME).count() == 1

    def test_production_never_creates_the_demo_editor(self, settings, capsys):
        settings.MASTHEAD_DEMO = False
        call_command("seed")
        assert not get_user_model().objects.filter(username=DEMO_USERNAME).exists()
        assert "password" not in capsys.readouterr().out

    def test_demo_mode_creates_one_account_per_role_holding_only_its_group(self, settings, capsys):
        settings.MASTHEAD_DEMO = True
        call_command("seed")
        out = capsys.readouterr().out
        for account in DEMO_ACCOUNTS:
            user = get_user_model().objects.get(username=account.username)
            assert [group.name for group in user.groups.all()] == [account.role]
            assert not user.user_permissions.exists()
            assert user.is_staff and not user.is_superuser
            assert user.check_password(DEMO_PASSWORD)
            assert f"({account.role}): username “{account.username}”" in out

    def test_seeding_again_takes_a_demo_account_back_to_its_role_alone(self, settings):
        settings.MASTHEAD_DEMO = True
        call_command("seed")
        contributor = get_user_model().objects.get(username=DEMO_ACCOUNTS[0].username)
        contributor.groups.add(*Group.objects.exclude(name=DEMO_ACCOUNTS[0].role))
        call_command("seed")
        assert [group.name for group in contributor.groups.all()] == [DEMO_ACCOUNTS[0].role]

    def test_the_demo_home_page_leads_with_the_editors_choice(self, client):
        call_command("seed")
        front = Front.objects.get(section=None)
        lead = front.slots.get(place=Slot.Place.LEAD).article
        assert client.get("/").context["top"].lead == lead

    def test_the_demo_home_page_reaches_a_live_article_still_live(self, client):
        call_command("seed")
        coverage = LiveCoverage.objects.get()
        entries = Entry.objects.filter(article=coverage.article)
        assert coverage.is_live
        assert entries.count() >= 12
        assert entries.filter(key_event=True).count() >= 2
        assert entries.filter(pinned=True).count() == 1
        assert coverage.article.get_absolute_url() in client.get("/").content.decode()
        page = client.get(coverage.article.get_absolute_url()).content.decode()
        assert "data-live-poll" in page
