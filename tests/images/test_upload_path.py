"""One upload path: every file field of every model checks, strips, renames and stores alike."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from PIL import Image as PILImage

from articles.models import ArticleImage
from core.files import file_fields
from images.uploads import PictureField
from images.validation import MAX_LOW_DEPTH_PIXELS, validate_image_file
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db

ORIENTATION, GPS_IFD, MAKE = 0x0112, 0x8825, 0x010F
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>Harbour 22.28N</rdf:RDF></x:xmpmeta>'
# Every file field holds pictures, but those that declare they hold something else (an
# uploaded export), which test_every_other_file_field_says_what_it_holds looks at.
PICTURE_FIELDS = [
    (model, field) for model, field in file_fields() if not getattr(field, "not_a_picture", False)
]
FIELDS = [
    pytest.param(model, field, id=f"{model._meta.label}.{field.name}")
    for model, field in PICTURE_FIELDS
]


def telling_jpeg(orientation: int = 1) -> bytes:
    """Return a JPEG carrying GPS, a camera make, XMP and a comment, as a phone might."""
    exif = PILImage.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = "Example Phone"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (22.0, 17.0, 30.0), 3: "E", 4: (114.0, 10.0, 0.0)})
    buffer = BytesIO()
    PILImage.new("RGB", (300, 200), "teal").save(
        buffer, format="JPEG", exif=exif.tobytes(), xmp=XMP, comment=b"taken at home"
    )
    return buffer.getvalue()


def telling_png() -> bytes:
    """Return a PNG carrying a text chunk and EXIF with GPS."""
    from PIL.PngImagePlugin import PngInfo

    exif = PILImage.Exif()
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (22.0, 17.0, 30.0)})
    info = PngInfo()
    info.add_text("Comment", "taken at home")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    buffer = BytesIO()
    PILImage.new("RGB", (300, 200), "teal").save(buffer, format="PNG", pnginfo=info, exif=exif)
    return buffer.getvalue()


def stored_bytes(field_file) -> bytes:
    with field_file.storage.open(field_file.name, "rb") as stored:
        return stored.read()


def assert_tells_nothing(data: bytes) -> None:
    with PILImage.open(BytesIO(data)) as picture:
        picture.load()
        exif = picture.getexif()
        assert not exif.get_ifd(GPS_IFD) and MAKE not in exif
        assert exif.get(ORIENTATION, 1) == 1
        assert not {"comment", "xmp", "XML:com.adobe.xmp", "Comment"} & set(picture.info)
    assert b"Harbour" not in data and b"taken at home" not in data and b"Example" not in data


def test_the_samples_really_tell_where_they_were_taken():
    for data in (telling_jpeg(), telling_png()):
        assert b"Harbour" in data and b"taken at home" in data


def test_every_file_field_of_every_model_is_a_picture_field():
    assert FIELDS
    assert all(isinstance(field, PictureField) for _, field in PICTURE_FIELDS)
    assert all(validate_image_file in field.validators for _, field in PICTURE_FIELDS)


def test_every_other_file_field_says_what_it_holds_and_names_files_at_random():
    pictures = {field for _, field in PICTURE_FIELDS}
    others = [field for _, field in file_fields() if field not in pictures]
    assert all(not isinstance(field, models.ImageField) for field in others)
    for field in others:
        names = {field.generate_filename(None, "My Secret Drafts.xml") for _ in range(2)}
        assert len(names) == 2 and not any("Secret" in name for name in names)


@pytest.mark.parametrize(("model", "field"), FIELDS)
@pytest.mark.parametrize("sample", [telling_jpeg, telling_png])
def test_every_file_field_stores_the_picture_stripped_and_renamed(model, field, sample):
    field_file = getattr(model(), field.name)
    field_file.save("Holiday at Grandma's house.jpg", ContentFile(sample()), save=False)
    assert "holiday" not in field_file.name.lower() and "grandma" not in field_file.name.lower()
    assert_tells_nothing(stored_bytes(field_file))


@pytest.mark.parametrize(("model", "field"), FIELDS)
def test_every_file_field_stores_a_turned_photo_upright(model, field):
    field_file = getattr(model(), field.name)
    field_file.save("phone.jpg", ContentFile(telling_jpeg(orientation=6)), save=False)
    data = stored_bytes(field_file)
    assert_tells_nothing(data)
    with PILImage.open(BytesIO(data)) as picture:
        assert picture.size == (200, 300)


@pytest.mark.parametrize(("model", "field"), FIELDS)
def test_every_file_field_refuses_what_the_library_refuses(model, field):
    buffer = BytesIO()
    PILImage.new("1", (12_000, 12_000)).save(buffer, format="PNG")  # 144 MP in a few kB
    assert MAX_LOW_DEPTH_PIXELS < 12_000 * 12_000
    field_file = getattr(model(), field.name)
    with pytest.raises(ValidationError):
        field_file.save("map.png", ContentFile(buffer.getvalue()), save=False)
    with pytest.raises(ValidationError):
        field_file.save("notes.jpg", ContentFile(b"not a picture at all" * 10), save=False)
    assert not field_file


def figure_post(editor_client, article, upload):
    from tests.workflow.forms import change_form_data

    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor_client.get(url))
    prefix = "images"
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": str(index + 1),
            f"{prefix}-{index}-file": upload,
            f"{prefix}-{index}-caption": "Boats at the pier.",
            f"{prefix}-{index}-alt_text": "Boats",
            f"{prefix}-{index}-position": "5",
        }
    )
    return editor_client.post(url, data)


def test_a_figure_uploaded_on_the_article_form_is_stored_stripped_and_renamed(editor_client):
    article = ArticleFactory(draft=True)
    upload = SimpleUploadedFile("Home of Jo Lee.jpg", telling_jpeg(), content_type="image/jpeg")
    response = figure_post(editor_client, article, upload)
    assert response.status_code == 302, response.context and response.context["errors"]
    figure = ArticleImage.objects.get(article=article, caption="Boats at the pier.")
    assert "jo" not in figure.file.name.lower()
    assert_tells_nothing(stored_bytes(figure.file))


def test_a_figure_of_too_many_pixels_is_refused_on_the_article_form(editor_client):
    article = ArticleFactory(draft=True)
    buffer = BytesIO()
    PILImage.new("1", (7000, 5700)).save(buffer, format="PNG")  # 39.9 MP of one bit a pixel
    upload = SimpleUploadedFile("map.png", buffer.getvalue(), content_type="image/png")
    response = figure_post(editor_client, article, upload)
    assert response.status_code == 200
    assert "at most 12 megapixels" in response.text
    assert not ArticleImage.objects.filter(article=article, caption="Boats at the pier.").exists()


def test_a_person_photo_uploaded_in_the_admin_is_stored_stripped_and_renamed(editor_client):
    from tests.workflow.forms import change_form_data

    person = PersonFactory(full_name="Jo Lee")
    url = reverse("admin:people_person_change", args=[person.pk])
    data = change_form_data(editor_client.get(url))
    data["photo"] = SimpleUploadedFile(
        "jo-lee-at-home.jpg", telling_jpeg(), content_type="image/jpeg"
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    person.refresh_from_db()
    assert person.photo and "lee" not in person.photo.name.lower()
    assert_tells_nothing(stored_bytes(person.photo))
