"""The entry composer and the entry's edit form: the article body's editor, sanitised alike."""

from django import forms

from articles.admin.desk import BodyEditorField
from people.models import Person

from .models import Entry
from .services import MAX_AUTHORS


class AuthorsField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Person.objects.order_by("full_name").only("id", "full_name"),
            required=False,
            help_text=f"Up to {MAX_AUTHORS}; hold Ctrl or ⌘ to choose several.",
            **kwargs,
        )

    def label_from_instance(self, obj):
        return obj.full_name


class ComposerForm(forms.Form):
    """A new entry: what editors fill in and post without saving the article."""

    title = forms.CharField(
        max_length=Entry._meta.get_field("title").max_length, required=False, label="Title"
    )
    body = BodyEditorField(label="Entry")
    authors = AuthorsField(label="Authors")
    key_event = forms.BooleanField(required=False, label="Key event")
    pinned = forms.BooleanField(required=False, label="Pin above the other entries")

    class Media:
        js = ["live/composer.js"]

    def __init__(self, *args, prefix="entry", **kwargs):
        super().__init__(*args, prefix=prefix, **kwargs)


class EntryForm(forms.ModelForm):
    """An entry being edited: its fields, its authors in order, and the version it started from."""

    body = BodyEditorField(label="Entry")
    entry_authors = AuthorsField(label="Authors")
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Entry
        fields = ["title", "body", "key_event"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["entry_authors"].initial = [
                row.person_id for row in self.instance.entry_authors.all()
            ]
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        expected = data.get("expected_version")
        if self.instance.pk and expected is not None and expected != self.instance.version:
            raise forms.ValidationError(
                "Someone else changed this entry since you opened it; reload to see their version.",
                code="stale",
            )
        return data
