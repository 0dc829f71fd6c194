"""Two processes for real: a change made in one is on every cached page of another within the
page cache's stale bound.

The suite's database decides the run: SQLite without Redis (the embedded default, where the
page cache keeps pages per process and their tags' versions in the database cache), or
PostgreSQL with Redis. Two web server processes read; `manage.py import_article` (a third
process) and the admin of the second server write.
"""

import json
import time

import pytest
from django.conf import settings

from tests.events.site import LiveSite

pytestmark = pytest.mark.django_db(transaction=True)

NEWSROOM = """
from django.contrib.auth.models import Group
from django.utils import timezone
from articles.models import Article, Byline, Section, Tag
from articles.roles import ADMINISTRATOR
from articles.services.writing import ArticleRelations, write_article
from people.models import Person
from django.contrib.auth import get_user_model

section = Section.objects.create(name="Harbour", slug="harbour")
topic = Tag.objects.create(name="Ferries", slug="ferries", kind=Tag.Kind.TOPIC)
person = Person.objects.create(full_name="Ann Lee", slug="ann-lee", kind=Person.Kind.CONTRIBUTOR)
chief = get_user_model().objects.create_user("chief", password="harbour-lights-7", is_staff=True)
chief.groups.add(Group.objects.get(name=ADMINISTRATOR))
article = write_article(
    fields={"headline": "Piers reopen after the storm", "slug": "piers-reopen",
            "body": "<p>The piers reopened on Monday.</p>", "section": section,
            "status": Article.Status.PUBLISHED, "published_at": timezone.now()},
    relations=ArticleRelations(bylines=[Byline(person=person)], tags=[topic]),
    user=chief, comment="Set up",
)
print(json.dumps({"article": article.get_absolute_url(), "pk": article.pk}))
"""

STORY = {
    "uri": "urn:test:night-ferries",
    "headline": "Night ferries return to the outer islands",
    "by": "Ann Lee",
    "subjects": [{"name": "Ferries"}],
    "body_html": "<p>The night service runs again from Friday.</p>",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        live = LiveSite(tmp_path_factory.mktemp("live"))
        try:
            made = live.script(NEWSROOM)
            yield live, made, live.serve(), live.serve()
        finally:
            live.close()


# Every cached list the new story joins: its section's, topic's and person's, the home page,
# the latest feed and the API's list.
LISTS = [
    "/", "/section/harbour/", "/topic/ferries/", "/person/ann-lee/", "/feeds/latest/",
    "/api/v1/articles/",
]  # fmt: skip


def shown_soon(server, path: str, text: str) -> bool:
    """Return True once `server` shows `text` at `path`, within the page cache's promise.

    The first reader after a change may get the copy before it while the page is rendered
    after that answer: every reader sees the change within the stale bound of its commit
    (docs/operators.md, "The page cache"); a second more for the render itself.
    """
    deadline = (
        time.monotonic() + settings.PAGE_CACHE_STALE_BOUND + settings.PAGE_CACHE_CLOCK_SKEW + 1
    )
    while text not in server.get(path).text:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def cache_everywhere(servers, paths):
    for server in servers:
        for path in paths:
            server.get(path)
            response = server.get(path)
            assert response.status == 200, path
            assert response.headers["X-Page-Cache"] == "hit", path


def test_an_import_in_another_process_is_on_every_cached_list_of_both_servers(site, tmp_path):
    live, _, first, second = site
    paths = LISTS
    cache_everywhere([first, second], paths)
    story = tmp_path / "night-ferries.json"
    story.write_text(json.dumps(STORY))

    started = time.monotonic()
    live.manage(
        "import_article", str(story), "--format", "ninjs", "--status", "published",
        "--section", "harbour",
    )  # fmt: skip
    imported = time.monotonic()
    for server in (first, second):
        for path in paths:
            assert shown_soon(server, path, STORY["headline"]), (server.base, path)
    print(f"import process: {imported - started:.2f} s; every list fresh within the bound")


def test_an_admin_save_in_one_server_is_on_the_other_servers_cached_pages(site):
    _, made, first, second = site
    paths = [made["article"], "/", "/section/harbour/", "/api/v1/articles/"]
    cache_everywhere([first], paths)
    second.sign_in("chief", "harbour-lights-7")
    change = f"/admin/articles/article/{made['pk']}/change/"
    status = second.submit(change, "article_form", {"headline": ["Piers reopen at dawn"]})
    assert status == 200
    for path in paths:
        assert shown_soon(first, path, "Piers reopen at dawn"), path


SCHEDULE = """
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.utils import timezone
from articles.models import Article, Section
from articles.services import publishing
from articles.services.writing import write_article

at = timezone.now() + timedelta(seconds={seconds})
article = write_article(
    fields={{"headline": "Lantern festival on the pier", "slug": "lanterns",
            "body": "<p>Lanterns.</p>", "section": Section.objects.get(slug="harbour")}},
    user=None, comment="Set up",
)
publishing.schedule(article=article, user=get_user_model().objects.get(username="chief"), at=at,
                    anyway=True)
print(json.dumps({{"at": at.timestamp()}}))
"""


def test_a_scheduled_story_is_on_a_cached_home_within_the_bound(site):
    live, _, first, _ = site
    bound = 60  # PUBLISH_SWEEP_SECONDS, the default: the site runs with its defaults
    cache_everywhere([first], ["/"])
    live.start("worker")
    at = live.script(SCHEDULE.format(seconds=5))["at"]
    assert "Lantern festival" not in first.get("/").text
    while "Lantern festival" not in first.get("/").text:
        assert time.time() < at + bound, "not on the cached home within the bound"
        time.sleep(0.2)
    late = time.time() - at
    assert late >= 0  # never before its time
    print(f"scheduled story on the cached home {late:.2f} s after its time (bound {bound} s)")


def test_the_api_throttle_counts_requests_to_every_server_together(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():
        live = LiveSite(tmp_path, API_THROTTLE_ANON="4/minute")
        try:
            servers = [live.serve(), live.serve()]
            # Each address is a new page-cache entry: every request reaches the throttle.
            paths = [f"/api/v1/articles/?page_size={n + 1}" for n in range(6)]
            codes = [servers[n % 2].get(path).status for n, path in enumerate(paths)]
        finally:
            live.close()
    assert codes == [
        200,
        200,
        200,
        200,
        429,
        429,
    ]  # a per-process count would have allowed 4 on each
