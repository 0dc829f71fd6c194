"""What a change makes stale is read from the primary, whatever a lagging replica says.

The replica here is a copy of the database taken before the story got its topic and byline:
it serves those stale rows for as long as the test runs. The story is then published by a
process reading from it; the pages its event must refresh are found on the primary.
"""

import pytest

from tests.events.site import LiveSite

pytestmark = pytest.mark.django_db(transaction=True)

DRAFT = """
from django.utils import timezone
from articles.models import Article, Byline, Section, Tag, TaggedArticle
from people.models import Person
section = Section.objects.create(name="Harbour", slug="harbour")
tag = Tag.objects.create(name="Ferries", slug="ferries", kind=Tag.Kind.TOPIC)
person = Person.objects.create(full_name="Ann Lee", slug="ann-lee", kind=Person.Kind.CONTRIBUTOR)
# Two stories public already: publishing one more leaves the navigation as it is, so only
# the lists the story joins are to refresh.
for n in range(2):
    earlier = Article.objects.create(
        headline=f"Earlier story {n}", slug=f"earlier-{n}", section=section,
        status=Article.Status.PUBLISHED, published_at=timezone.now(),
    )
# The topic and the person have public pages already (a public article carries them).
TaggedArticle.objects.create(content_object=earlier, tag=tag)
Byline.objects.create(article=earlier, person=person)
draft = Article.objects.create(headline="Night ferries return", slug="night", section=section)
print(json.dumps({"pk": draft.pk}))
"""

RELATE = """
from articles.models import Article, Byline, Tag
from articles.services.writing import ArticleRelations, write_article
from people.models import Person
write_article(
    article=Article.objects.get(pk={pk}), fields={{}}, user=None, comment="Topic and byline",
    relations=ArticleRelations(
        bylines=[Byline(person=Person.objects.get(slug="ann-lee"))],
        tags=[Tag.objects.get(slug="ferries")],
    ),
)
print(json.dumps({{}}))
"""

PUBLISH = """
from django.utils import timezone
from articles.models import Article
article = Article.objects.get(pk={pk})  # read from the replica: the stale row
article.status, article.published_at = Article.Status.PUBLISHED, timezone.now()
article.save()
print(json.dumps({{}}))
"""


def test_a_lagging_replica_leaves_no_cached_page_stale(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():
        live = LiveSite(tmp_path)
        try:
            pk = live.script(DRAFT)["pk"]
            replica = live.snapshot()  # lags from here on
            live.script(RELATE.format(pk=pk))
            server = live.serve()
            for path in ("/topic/ferries/", "/person/ann-lee/"):
                server.get(path)
                assert server.get(path).headers["X-Page-Cache"] == "hit"
            live.script(PUBLISH.format(pk=pk), env={"DATABASE_REPLICA_URL": replica})
            pages = {
                path: server.get(path).text for path in ("/topic/ferries/", "/person/ann-lee/")
            }
        finally:
            live.close()
    for path, html in pages.items():
        assert "Night ferries return" in html, path
