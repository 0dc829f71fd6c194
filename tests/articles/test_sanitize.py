import pytest

from articles.sanitize import sanitize_html
from tests.factories import ArticleFactory


@pytest.mark.parametrize(
    ("dirty", "forbidden"),
    [
        ("<p>Hi</p><script>alert(1)</script>", "<script"),
        ('<p onclick="steal()">Hi</p>', "onclick"),
        ('<img src="x.png" onerror="steal()">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "avascript"),
        ("<iframe src='https://example.com'></iframe>", "<iframe"),
        ('<p style="position:fixed">x</p>', "style"),
        ('<figure class="evil needs-image"><figcaption>c</figcaption></figure>', "evil"),
    ],
)
def test_it_removes_dangerous_markup(dirty, forbidden):
    assert forbidden not in sanitize_html(dirty)


def test_it_keeps_the_article_allow_list():
    html = (
        "<h2>Sub</h2><h3>Minor</h3><p><strong>b</strong> <em>i</em> "
        '<a href="https://example.com/x">link</a></p><ul><li>one</li></ul><ol><li>two</li></ol>'
        "<blockquote><p>q</p></blockquote>"
        '<figure class="needs-image"><figcaption>Pier <span class="credit">Photo: Masthead</span>'
        "</figcaption></figure>"
    )
    cleaned = sanitize_html(html)
    kept = ["<h2>", "<h3>", "<strong>", "<em>", 'href="https://example.com/x"', "<ul>", "<ol>"]
    kept += ["<blockquote>", '<figure class="needs-image">', '<span class="credit">']
    for fragment in kept:
        assert fragment in cleaned


def test_links_get_a_safe_rel():
    assert 'rel="noopener noreferrer"' in sanitize_html('<a href="https://example.com">x</a>')


def test_saving_an_article_sanitises_its_body(db):
    article = ArticleFactory(body='<p onmouseover="x()">Safe</p><script>bad()</script>')
    article.refresh_from_db()
    assert article.body == "<p>Safe</p>"


@pytest.mark.parametrize(
    "src",
    ["https://elsewhere.example/photo.jpg", "//elsewhere.example/photo.jpg", "photo.jpg", ""],
)
def test_it_drops_a_picture_that_is_not_from_our_media(src, settings):
    cleaned = sanitize_html(
        f'<figure><img src="{src}" alt="A pier"><figcaption>Pier</figcaption></figure>'
    )
    assert "<img" not in cleaned
    assert "<figcaption>Pier</figcaption>" in cleaned


def test_it_keeps_a_library_picture_and_drops_a_foreign_srcset(settings):
    own = f"{settings.MEDIA_URL}images/pier.jpg"
    cleaned = sanitize_html(
        f'<img src="{own}" srcset="{own} 320w, https://elsewhere.example/x 640w">'
    )
    assert f'<img src="{own}">' == cleaned
