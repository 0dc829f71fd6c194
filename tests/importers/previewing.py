"""Going through the admin's import preview as an editor's browser does: preview, then confirm."""

from django.urls import reverse

URL = reverse("admin:articles_article_import")


def preview(client, **data):
    return client.post(URL, {"format": "text", "section": "", **data})


def review_data(review, **changes) -> dict:
    """Return the preview form's fields as the browser would post them back, with `changes`."""
    data = {}
    for bound in review:
        value = bound.field.prepare_value(bound.value())
        if value not in (None, False, "", []):
            data[bound.html_name] = "on" if value is True else value
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def confirm(client, text, *, section="", **changes):
    """Preview `text`, then create the draft from the preview, with the editor's `changes`."""
    shown = preview(client, text=text, section=section)
    data = review_data(shown.context["review"], **changes)
    return preview(client, text=text, section=section, confirm="1", **data)
