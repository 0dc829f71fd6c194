"""URL converters shared by the apps' URL patterns."""

from django.urls import register_converter


class UnicodeSlugConverter:
    """A slug of letters and digits of any script, hyphens and underscores: `中文標籤`."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


# Registered once, when the first URL module imports this one.
register_converter(UnicodeSlugConverter, "uslug")
