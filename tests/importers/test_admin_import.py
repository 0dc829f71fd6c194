"""The admin's Import article page: paste or upload, preview, confirm."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from articles.admin.importing import NEW_PERSON
from articles.models import Article, ArticleImage, Byline, Tag
from people.models import Person
from tests.factories import ImageFactory, TagFactory, UserFactory
from tests.importers.previewing import URL, confirm, preview


def test_the_article_list_links_to_the_import_page(editor_client):
    response = editor_client.get(reverse("admin:articles_article_changelist"))
    assert f'href="{URL}"' in response.content.decode()
    assert editor_client.get(URL).status_code == 200


def test_pasted_copy_is_previewed_before_anything_is_written(editor_client, ferry_bytes, sections):
    response = preview(editor_client, text=ferry_bytes.decode())
    page = response.content.decode()
    assert response.status_code == 200
    for expected in [
        "Penang’s ferry terminal bets on night markets",
        "Stalls at half the rent",
        "Figure (needs a picture before publishing):",
        "Felicia Wong Sze Min",
        "state tourism councillor",
        NEW_PERSON,  # the bylines' and people's choice of who they are
        "Additional reporting",
        "Palm oil exporters brace for softer demand",
        "Create the draft",
    ]:
        assert expected in page, expected
    assert not Article.objects.exists() and not Person.objects.exists()


def test_confirming_the_preview_creates_the_draft_and_opens_it(
    editor_client, editor, ferry_bytes, sections
):
    text = ferry_bytes.decode()
    response = confirm(editor_client, text, section=sections["business"].pk)
    article = Article.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:articles_article_change", args=[article.pk])
    assert article.status == Article.Status.DRAFT and article.created_by == editor
    assert article.section == sections["business"]
    assert [version.revision.user for version in Version.objects.get_for_object(article)] == [
        editor
    ]
    change_page = editor_client.get(response.url).content.decode()
    assert "Needs an image file" in change_page and "icon-yes.svg" in change_page


def test_an_uploaded_file_is_previewed_and_keeps_its_text_for_the_confirmation(
    editor_client, swim_bytes, sections
):
    upload = SimpleUploadedFile("swim.txt", swim_bytes, content_type="text/plain")
    response = editor_client.post(URL, {"format": "text", "upload": upload})
    page = response.content.decode()
    assert "Evelyn Tan Pei Shan" in page and '<textarea name="text" hidden' in page
    response = confirm(editor_client, response.context["plan"].text)
    assert response.status_code == 302
    assert ArticleImage.objects.get().credit == "Island Swim Club"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The input is empty"),
        (b"\x00\x01\x02binary", "binary"),
        ("caf\u00e9\n\nclosed".encode("latin-1"), "not UTF-8"),
        (b"x" * (2 * 1024 * 1024 + 1), "limit is 2 MB"),
    ],
)
def test_bad_uploads_get_a_form_error_and_write_nothing(editor_client, sections, data, message):
    upload = SimpleUploadedFile("copy.txt", data) if data else None
    payload = {"format": "text", "confirm": "1", **({"upload": upload} if upload else {})}
    response = editor_client.post(URL, payload)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists()


def test_structureless_paste_gets_a_form_error(editor_client, sections):
    response = preview(editor_client, text="word " * 100, confirm="1")
    assert "Found no article structure" in response.content.decode()
    assert not Article.objects.exists()


def test_the_same_copy_twice_opens_the_first_article(editor_client, ferry_bytes, sections):
    text = ferry_bytes.decode()
    confirm(editor_client, text)
    page = preview(editor_client, text=text).content.decode()
    assert "This copy was imported before" in page
    response = preview(editor_client, text=text, confirm="1")
    assert response.url == reverse("admin:articles_article_change", args=[Article.objects.get().pk])


def test_only_editors_who_may_add_articles_can_import(client, ferry_bytes, sections):
    assert client.get(URL).status_code == 302  # to the login page
    reader = UserFactory(is_staff=True)
    reader.user_permissions.set(Permission.objects.filter(codename="view_article"))
    client.force_login(reader)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"text": ferry_bytes.decode(), "confirm": "1"}).status_code == 403
    assert not Article.objects.exists()


def test_the_preview_suggests_the_first_paragraph_as_standfirst(
    editor_client, ferry_bytes, sections
):
    review = preview(editor_client, text=ferry_bytes.decode()).context["review"]
    assert review["standfirst"].value().startswith("The ageing ferry terminal")
    assert review["dateline"].value() == "GEORGE TOWN"


def test_the_editors_corrections_in_the_preview_are_what_is_written(
    editor_client, ferry_bytes, sections
):
    for name in ["Penang", "Night markets", "Harbour"]:
        TagFactory(name=name, slug=name.lower().replace(" ", "-"))
    extra, picture = TagFactory(name="Tourism"), ImageFactory()
    review = preview(editor_client, text=ferry_bytes.decode()).context["review"]
    people = [planned.found.name for planned in review.plan.people]
    bylines = [byline.name for byline in review.plan.bylines]
    suggested = [tag.name for tag in review.plan.tags]
    assert {"Penang", "Night markets"} <= set(suggested) and len(people) > 2
    dropped_tag = Tag.objects.get(name="Night markets")
    kept_tags = [tag.pk for tag in review.plan.tags if tag != dropped_tag]
    proposed = [tag.name for tag in review.plan.new_tags]
    assert len(proposed) >= 2  # the story's own topics and places, beside the vocabulary's

    response = confirm(
        editor_client,
        ferry_bytes.decode(),
        **{
            "review-section": sections["sport"].pk,
            "review-headline": "Night markets for Penang’s ferry terminal",
            "review-kicker": "Waterfront",
            "review-tags": kept_tags,
            "review-new_tags": proposed[1:],  # the first proposal unticked
            "review-more_tags": [extra.pk],
            "review-lead_image": picture.pk,
            "review-person_1_keep": None,  # unticked: a wrong recognition
            "review-person_0_role": "hawker and stall holder",
            "review-byline_1_role": Byline.Role.PHOTOGRAPHER,
            "review-related": [0],
        },
    )

    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.headline, article.kicker) == (
        "Night markets for Penang’s ferry terminal",
        "Waterfront",
    )
    assert article.section == sections["sport"]
    assert article.standfirst.startswith("The ageing ferry terminal")
    created = Tag.objects.filter(name__in=proposed[1:])
    assert set(article.tags.all()) == {*Tag.objects.filter(pk__in=kept_tags), extra, *created}
    assert len(created) == len(proposed) - 1
    assert not Tag.objects.filter(name=proposed[0]).exists()
    mentions = [(m.person.full_name, m.role_phrase) for m in article.mentions.all()]
    assert mentions[0] == (people[0], "hawker and stall holder")
    assert people[1] not in [name for name, _ in mentions] and len(mentions) == len(people) - 1
    assert not Person.objects.filter(full_name=people[1]).exists()  # never created
    assert [(b.person.full_name, b.role) for b in article.bylines.all()][1] == (
        bylines[1],
        Byline.Role.PHOTOGRAPHER,
    )
    assert article.images.get(is_lead=True).image == picture
    assert article.related_headlines.count() == 1


def test_a_refused_preview_keeps_the_editors_input_and_writes_nothing(
    editor_client, ferry_bytes, sections
):
    response = confirm(editor_client, ferry_bytes.decode(), **{"review-headline": ""})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert response.context["review"]["standfirst"].value().startswith("The ageing")
    assert not Article.objects.exists() and not Person.objects.exists()


def test_a_role_changed_beside_an_unticked_byline_goes_to_the_right_person(
    editor_client, ferry_bytes, sections
):
    review = preview(editor_client, text=ferry_bytes.decode()).context["review"]
    names = [byline.name for byline in review.plan.bylines]
    assert len(names) >= 2
    confirm(
        editor_client,
        ferry_bytes.decode(),
        **{"review-byline_0_keep": None, "review-byline_1_role": Byline.Role.PHOTOGRAPHER},
    )
    bylines = [(b.person.full_name, b.role) for b in Article.objects.get().bylines.all()]
    assert bylines[0] == (names[1], Byline.Role.PHOTOGRAPHER)
    assert names[0] not in [name for name, _ in bylines]
