"""Turn a rendered admin change form back into the POST data a browser would send."""

from django.forms import MultiWidget
from django.forms.fields import FileField


def _encode(form, name, field, data):
    key = form.add_prefix(name)
    value = form[name].value()
    if isinstance(field, FileField):
        return
    if isinstance(field.widget, MultiWidget):
        parts = value if isinstance(value, list) else field.widget.decompress(value)
        for index, part in enumerate(parts):
            data[f"{key}_{index}"] = "" if part is None else str(part)
    elif isinstance(value, bool):
        if value:
            data[key] = "on"
    elif isinstance(value, list | tuple):
        data[key] = [str(item) for item in value]
    elif value is not None:
        data[key] = str(value)


def change_form_data(response) -> dict:
    """Return the data of the admin change form in `response`, inlines included."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = str(management[name].value())
        forms += formset.forms
    for form in forms:
        for name, field in form.fields.items():
            _encode(form, name, field, data)
    return data
