"""The article form's tag picker: editors may type a new tag, contributors pick existing ones.

Both may type: what a contributor types is sent too, so the form can say that only an editor
creates tags, rather than the typed name vanishing at save without a word.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError

from articles.services.writing import TagName, tags_for

from .widgets import PreloadedAutocompleteSelect

# Select2's tags mode sends what was typed; static/admin-desk/tags.js marks it as a new name,
# so a tag called "2026" is never taken for the tag whose id is 2026.
NEW_TAG = "new:"


class TagPickerSelect(PreloadedAutocompleteSelect):
    """The tag autocomplete in Select2's tags mode: a typed name is sent, to create or refuse."""

    def __init__(self, *args, may_create: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.attrs["data-tags"] = "true"
        self.attrs["data-may-create"] = "true" if may_create else "false"

    def optgroups(self, name, value, attr=None):
        # A new name shown again (the form had another error) is not an id to look up.
        new = [v for v in value if isinstance(v, str) and v.startswith(NEW_TAG)]
        # Nor is anything else that is not a number (the form has said it is no tag).
        ids = [v for v in value if str(v).isdigit()]
        groups = super().optgroups(name, ids, attr)
        options = groups[0][1]
        for typed in new:
            label = f"{typed.removeprefix(NEW_TAG)} (new tag)"
            options.append(self.create_option(name, typed, label, True, len(options)))
        return groups


class TagChoiceField(forms.ModelChoiceField):
    """An existing tag by id, or a new one by name, made by the one service that names tags."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def to_python(self, value):
        if not (isinstance(value, str) and value.startswith(NEW_TAG)):
            return super().to_python(value)
        name = value.removeprefix(NEW_TAG).strip()
        if not name or len(name) > 100:
            raise ValidationError("Give the new tag a name of up to 100 characters.")
        try:
            # An existing tag of that name (any case) is reused; otherwise an editor creates it.
            return tags_for([TagName(name=name)], user=self.user)[0]
        except PermissionDenied as refusal:
            raise ValidationError(str(refusal), code="may_not_create_tags") from refusal


def tag_picker_field(field: forms.ModelChoiceField, request) -> TagChoiceField:
    """Return the inline's tag field as a picker that lets editors create tags."""
    may_create = request.user.has_perm("articles.add_tag")
    widget = field.widget
    picker = TagPickerSelect(
        widget.field, widget.admin_site, using=widget.db, preloaded=widget.preloaded,
        may_create=may_create, attrs=widget.attrs,
    )  # fmt: skip
    return TagChoiceField(
        field.queryset,
        user=request.user,
        widget=picker,
        label=field.label,
        help_text="Pick a tag, or type a new one."
        if may_create
        else "Pick an existing tag; only an editor can create a new one.",
    )
