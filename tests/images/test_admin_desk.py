"""The change form helps editors: rich-text body, counters, warnings; the list shows at a glance."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from articles.admin.desk import BodyEditorField
from articles.models import Article
from articles.services.checks import publishing_checks
from images.renditions import ensure_renditions
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    BylineFactory,
    ImageFactory,
    UserFactory,
)
from tests.images.test_validation import png_claiming

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def warnings_on(response):
    """Return the checks the change form shows, each asserted to appear in the page once."""
    html = response.content.decode()
    shown = [check.message for check in response.context["publishing_checks"]]
    for message in shown:
        assert html.count(escape(message)) == 1, message
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    return shown


def test_the_body_is_a_prose_editor_limited_to_what_a_story_needs(editor_client):
    article = ArticleFactory()
    html = editor_client.get(change_url(article)).content.decode()
    assert "data-django-prose-editor-configurable" in html
    assert "django_prose_editor/editor.js" in html
    for extension in ("Heading", "Link", "BulletList", "OrderedList", "Blockquote", "Figure"):
        assert f"&quot;{extension}&quot;" in html
    for excluded in ("Table", "Underline", "CodeBlock", "Strike"):
        assert f"&quot;{excluded}&quot;" not in html
    assert reverse("admin:images_image_picker") in html


def test_headline_and_seo_fields_carry_their_limits_for_the_counters(editor_client):
    html = editor_client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'name="headline"' in html and 'data-desk-limit="200"' in html
    assert 'data-desk-limit="70"' in html and 'data-desk-limit="160"' in html
    assert "admin-desk/desk.js" in html


def test_the_change_form_warns_about_everything_missing(editor_client):
    article = ArticleFactory(
        standfirst="",
        body='<p>Text</p><figure><img src="/media/x.jpg" alt=""></figure>',
    )
    ArticleImageFactory(article=article, is_lead=False, alt_text="", credit="")
    shown = warnings_on(editor_client.get(change_url(article)))
    expected = [
        "no standfirst",
        "No lead picture",
        "No byline",
        "has no alt text",
        "has no caption or credit",
        "Figure 1 in the body has no alt text",
        "Figure 1 in the body has no caption or credit",
    ]
    for phrase in expected:
        assert any(phrase in warning for warning in shown), phrase


def test_a_complete_article_gets_no_warnings(editor_client):
    image = ImageFactory()
    article = ArticleFactory(
        body=f'<figure><img src="/media/x.jpg" alt="" data-file="{image.pk}"></figure>'
    )
    ArticleImageFactory(article=article, is_lead=True, image=image, caption="", alt_text="")
    BylineFactory(article=article)
    assert publishing_checks(article) == []
    assert warnings_on(editor_client.get(change_url(article))) == []


def test_the_body_field_keeps_only_the_allow_list():
    dirty = (
        '<h2>Sub</h2><p onclick="x()">Hi <a href="javascript:alert(1)">bad</a></p>'
        '<script>alert(1)</script><figure class="figure"><img src="/media/a.jpg" alt="A" '
        'data-file="7" onerror="x()"><figcaption>Cap</figcaption></figure>'
    )
    cleaned = BodyEditorField(required=False).clean(dirty)
    assert cleaned.startswith("<h2>Sub</h2><p>Hi <a")
    assert 'data-file="7"' in cleaned and "<figcaption>Cap</figcaption>" in cleaned
    for forbidden in ("onclick", "script", "javascript:", "onerror"):
        assert forbidden not in cleaned


def make_listed_articles(n, user):
    for i in range(n):
        article = ArticleFactory(status=Article.Status.IN_REVIEW if i % 2 else "published")
        image = ImageFactory(file__width=400, file__height=300)
        ensure_renditions(image)
        ArticleImageFactory(article=article, image=image, is_lead=True)
        BylineFactory(article=article)
    Article.objects.filter(pk=article.pk).update(created_by=user)


@pytest.mark.parametrize("size", [1, 30])
def test_the_changelist_shows_thumbnails_and_badges_in_bounded_queries(
    editor, editor_client, django_assert_max_num_queries, size
):
    make_listed_articles(size, editor)
    with django_assert_max_num_queries(16) as queries:
        response = editor_client.get(reverse("admin:articles_article_changelist"))
    print(f"article changelist, {size} rows: {len(queries.captured_queries)} queries")
    html = response.content.decode()
    assert html.count('class="desk-thumb"') == size
    assert 'class="desk-badge desk-badge--published"' in html


def test_quick_filters_find_mine_needs_review_and_published_today(editor, editor_client):
    now = timezone.now()
    mine = ArticleFactory(draft=True, headline="Mine to write")
    Article.objects.filter(pk=mine.pk).update(created_by=editor)
    ArticleFactory(draft=True, headline="Someone else's", created_by=UserFactory())
    ArticleFactory(status=Article.Status.IN_REVIEW, published_at=None, headline="Awaiting desk")
    ArticleFactory(published_at=now, headline="Out this hour")
    ArticleFactory(published_at=now - timezone.timedelta(days=3), headline="Old news")
    url = reverse("admin:articles_article_changelist")
    expectations = {
        "mine": "Mine to write",
        "review": "Awaiting desk",
        "today": "Out this hour",
    }
    for value, headline in expectations.items():
        shown = list(editor_client.get(url, {"desk": value}).context["cl"].result_list)
        assert [a.headline for a in shown] == [headline], value


def test_the_image_library_is_searchable_with_thumbnails(editor_client):
    renditions = ensure_renditions(ImageFactory(caption="Cranes over the container port"))
    ImageFactory(caption="A tram in the rain")
    response = editor_client.get(reverse("admin:images_image_changelist"), {"q": "cranes"})
    html = response.content.decode()
    assert "Cranes over the container port" in html and "A tram in the rain" not in html
    assert any(r.width == 320 and r.file.url in html for r in renditions)


def test_the_picker_lists_images_for_the_figure_dialog(editor_client):
    image = ImageFactory(caption="Ferry pier")
    response = editor_client.get(reverse("admin:images_image_picker"), {"CKEditorFuncNum": "-1"})
    html = response.content.decode()
    assert f'data-id="{image.pk}"' in html and 'data-func-num="-1"' in html


def test_uploading_to_the_library_records_the_uploader_and_makes_renditions(editor, editor_client):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PILImage

    buffer = BytesIO()
    PILImage.new("RGB", (700, 500), "navy").save(buffer, format="PNG")
    upload = SimpleUploadedFile("../../escape attempt.png", buffer.getvalue())
    data = {"file": upload, "alt_text": "Navy", "caption": "Navy", "credit": "Masthead"}
    response = editor_client.post(reverse("admin:images_image_add"), data)
    assert response.status_code == 302
    image = editor.__class__.objects.get(pk=editor.pk) and ImageFactory._meta.model.objects.get()
    assert (image.width, image.height, image.uploaded_by) == (700, 500, editor)
    assert image.file.name.startswith("library/") and ".." not in image.file.name
    assert {(r.format, r.width) for r in image.renditions.all()} == {
        ("webp", 320),
        ("jpeg", 320),
        ("webp", 640),
        ("jpeg", 640),
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not an image at all", "not a readable JPEG, PNG, WebP or GIF image"),
        (png_claiming(100_000, 100_000), "decompression bomb"),
    ],
)
def test_a_bad_upload_is_refused_with_a_clear_error_and_nothing_stored(
    editor_client, content, message
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("photo.jpg", content)
    response = editor_client.post(reverse("admin:images_image_add"), {"file": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImageFactory._meta.model.objects.exists()


@pytest.mark.parametrize("size", [1, 20])
def test_the_image_library_lists_thumbnails_in_bounded_queries(
    editor_client, django_assert_max_num_queries, size
):
    for _ in range(size):
        ensure_renditions(ImageFactory(file__width=330, file__height=200))
    with django_assert_max_num_queries(12):
        response = editor_client.get(reverse("admin:images_image_changelist"))
    assert response.content.decode().count('class="desk-thumb"') == size
