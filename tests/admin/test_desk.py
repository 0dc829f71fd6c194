"""The admin's front page is the newsroom desk, for each role, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction
from articles.roles import ADMINISTRATOR, CONTRIBUTOR, EDITOR
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Article.Status
DESK = reverse("admin:index")


def desk_list(response, key: str) -> str:
    """Return the HTML of one list of the desk."""
    html = response.content.decode()
    start = html.index(f'id="desk-{key}"')
    return html[start : html.index("</section>", start)]


def newsroom(owner, section=None, n: int = 1):
    """Make `n` articles in every stage, created by `owner`, and a correction for each live one."""
    section = section or SectionFactory()
    later = timezone.now() + timedelta(hours=3)
    stages = {
        "draft": {"status": Status.DRAFT, "published_at": None},
        "review": {"status": Status.IN_REVIEW, "published_at": None},
        "scheduled": {"published_at": later},
        "live": {},
    }
    made = {
        stage: ArticleFactory.create_batch(n, created_by=owner, section=section, **fields)
        for stage, fields in stages.items()
    }
    Correction.objects.bulk_create(
        Correction(article=article, text=f"Corrected the spelling in {article.pk}.")
        for article in made["live"]
    )
    return made


def test_the_admin_is_named_after_the_site(client, sign_in, settings):
    settings.SITE_NAME = "The Harbour Herald"
    sign_in(EDITOR)
    html = client.get(DESK).content.decode()
    assert "<title>Desk | The Harbour Herald newsroom</title>" in html
    assert "The Harbour Herald</a></div>" in html or ">The Harbour Herald<" in html
    assert "Django administration" not in html


def test_an_editor_finds_each_article_in_its_list(client, sign_in):
    editor = sign_in(EDITOR)
    made = newsroom(editor)
    response = client.get(DESK)
    assert made["draft"][0].headline in desk_list(response, "drafts")
    assert made["review"][0].headline in desk_list(response, "review")
    scheduled = desk_list(response, "scheduled")
    assert made["scheduled"][0].headline in scheduled
    local = timezone.localtime(made["scheduled"][0].published_at)
    assert local.strftime("%H:%M") in scheduled
    assert made["live"][0].headline in desk_list(response, "published")
    corrected = desk_list(response, "corrected")
    assert made["live"][0].headline in corrected and "Corrected the spelling" in corrected
    assert made["draft"][0].headline not in desk_list(response, "review")


def test_an_editor_can_publish_or_return_from_the_review_queue(client, sign_in):
    writer = UserFactory()
    sign_in(EDITOR)
    waiting = newsroom(writer)["review"][0]
    review = desk_list(client.get(DESK), "review")
    for step in ("publish", "return-to-draft"):
        url = reverse("admin:articles_article_transition", args=[waiting.pk, step])
        assert f'href="{url}"' in review


def test_a_contributor_sees_only_their_own_articles_and_no_steps_they_cannot_take(client, sign_in):
    contributor = sign_in(CONTRIBUTOR)
    own = newsroom(contributor)
    others = newsroom(UserFactory())
    response = client.get(DESK)
    html = response.content.decode()
    for article in [*own["draft"], *own["review"], *own["live"]]:
        assert article.headline in html
    for articles in others.values():
        assert articles[0].headline not in html
    review = desk_list(response, "review")
    assert "Sent for review" in review
    assert "/workflow/" not in review


def test_the_app_list_is_still_reachable_from_the_desk(client, sign_in):
    sign_in(ADMINISTRATOR)
    html = client.get(DESK).content.decode()
    for name in ("images_image_changelist", "people_person_changelist", "auth_user_changelist"):
        assert reverse(f"admin:{name}") in html


def desk_queries(client, owner, n: int) -> int:
    newsroom(owner, n=n)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DESK).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", [CONTRIBUTOR, EDITOR])
def test_the_desk_takes_the_same_queries_for_few_articles_and_many(client, sign_in, role):
    owner = sign_in(role)
    few = desk_queries(client, owner, 1)
    many = desk_queries(client, owner, 12)
    assert few == many
    assert few <= 12
