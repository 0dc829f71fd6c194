"""factory_boy factories for every model."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.oath import TOTP

from accounts.tokens import new_token
from articles.models import (
    Article,
    ArticleImage,
    Byline,
    Mention,
    RelatedArticle,
    RelatedHeadline,
    Section,
    Tag,
    TaggedArticle,
)
from articles.roles import EDITOR
from images.models import Image
from live.models import Entry, LiveCoverage
from people.models import Affiliation, Person


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("pw")


def editor_user():
    """Return the suite's staff user in the real Editor role, as the roles module defines it."""
    user = UserFactory(username="editor-user", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    kind = Tag.Kind.TOPIC


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Alex Wong Tai-man {n}")
    slug = factory.Sequence(lambda n: f"alex-wong-{n}")
    short_name = "Wong"
    description = "a spokesperson"


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(PersonFactory)
    organisation = "Harbour Institute"
    role = "fellow"


LEAD_FILE = factory.django.ImageField(width=160, height=90, color="navy", format="JPEG")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True  # `ready` adds rows beside the article, not to it

    headline = factory.Sequence(lambda n: f"Harbour ferries change course {n}")
    slug = factory.Sequence(lambda n: f"harbour-ferries-{n}")
    standfirst = "The routes change next month."
    body = "<p>The ferry operator said the routes would change.</p>"
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)

    @factory.post_generation
    def ready(article, create, extracted, **kwargs):
        """Add what publishing asks for (a byline, a lead picture) to articles not yet out.

        An article readers cannot see yet is, in the tests, one an editor could publish: it
        passes the blocking publishing checks (articles/services/checks.py) unless the test
        passes `ready=False`; `ready=True` equips a public one too.
        """
        if extracted is None and create:
            if isinstance(article.published_at, str):  # a test may pass the time as text
                article.refresh_from_db(fields=["published_at"])
            extracted = not article.is_public
        if create and extracted:
            BylineFactory(article=article)
            ArticleImageFactory(article=article, is_lead=True, file=LEAD_FILE)


class BylineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Byline

    article = factory.SubFactory(ArticleFactory)
    person = factory.SubFactory(PersonFactory, kind=Person.Kind.CONTRIBUTOR)


class MentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mention

    article = factory.SubFactory(ArticleFactory)
    person = factory.SubFactory(PersonFactory)
    role_phrase = "a ferry operator"


class TaggedArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaggedArticle

    content_object = factory.SubFactory(ArticleFactory)
    tag = factory.SubFactory(TagFactory)


class ArticleImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleImage

    article = factory.SubFactory(ArticleFactory)
    caption = "A ferry leaves the pier."
    credit = "Masthead"
    alt_text = "A green and white ferry on grey water"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # A test's own lead picture replaces the one a ready draft came with (one lead each).
        if kwargs.get("is_lead"):
            model_class.objects.filter(article=kwargs["article"], is_lead=True).delete()
        return super()._create(model_class, *args, **kwargs)


class RelatedArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedArticle

    from_article = factory.SubFactory(ArticleFactory)
    to_article = factory.SubFactory(ArticleFactory)


class RelatedHeadlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedHeadline

    article = factory.SubFactory(ArticleFactory)
    title = "Piers reopen after typhoon"


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    file = factory.django.ImageField(width=1400, height=800, color="teal", format="JPEG")
    caption = "The harbour at dusk."
    credit = "Masthead illustration"
    alt_text = "A teal rectangle standing in for the harbour"


def api_key(user, scope: str = "publish", **options) -> str:
    """Issue `user` an API token through the accounts service; return its key."""
    return new_token(user, name="Test client", scope=scope, **options)[1]


def authenticator_code(device) -> str:
    """Return the code an authenticator app holding `device`'s key shows now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def shown_in_public(*records):
    """Attach tags and people to one published article, so that readers may see them.

    A tag or person that no public article carries is not public (Tag.objects.public(),
    Person.objects.named_in()). Return the records, the first alone when there is one.
    """
    article = ArticleFactory()
    for record in records:
        if isinstance(record, Tag):
            TaggedArticleFactory(content_object=article, tag=record)
        else:
            MentionFactory(article=article, person=record)
    return records[0] if len(records) == 1 else records


class LiveCoverageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LiveCoverage

    article = factory.SubFactory(ArticleFactory)
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    article = factory.SubFactory(ArticleFactory)
    body = factory.Sequence(lambda n: f"<p>Update number {n} from the harbour.</p>")
    # Each entry later than the one made before it, all in the past hour.
    published_at = factory.Sequence(
        lambda n: timezone.now() - timedelta(minutes=50) + timedelta(milliseconds=n)
    )
