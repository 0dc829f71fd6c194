"""The one path every picture takes into storage, whichever model holds it.

A `PictureField` checks the file (decoding it, with the library's limits), strips what it
says about where and how it was made, names it afresh and stores it whole. The check runs
when the field is saved, so a form, the admin, the API, an import, a seed and a command all
go through it; forms also run it as a validator, to show what is wrong beside the field.
"""

from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile

from core.storage import note_stored

from .metadata import stripped
from .validation import EXTENSIONS, fresh_name, rewound, validate_image_file


def accepted(content) -> ContentFile:
    """Return `content` checked, stripped of metadata and freshly named; raise ValidationError."""
    image_format = getattr(content, "checked_as", None) or validate_image_file(content)
    data = stripped(rewound(content).read(), image_format)
    rewound(content)
    return ContentFile(data, name=fresh_name(EXTENSIONS[image_format]))


class PictureFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        picture = accepted(content)
        super().save(picture.name, picture, save)
        note_stored(self.storage, type(self.instance), self.field.attname, self.name)

    save.alters_data = True


class PictureField(models.ImageField):
    """An image field whose files are checked, stripped and renamed before they are stored."""

    attr_class = PictureFieldFile

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [validate_image_file])
        super().__init__(*args, **kwargs)
