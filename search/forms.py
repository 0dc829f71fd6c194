"""The reader's search form: every parameter is validated before it reaches the service."""

from datetime import date, datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q

from articles.models import Article, Section, Tag
from people.models import Person

from .query import MAX_QUERY_LENGTH

# The archive's reach: dates outside it are refused with a message rather than turned into
# times that overflow the database's (or Python's) calendar in a far time zone.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)
DATE_RANGE = [
    MinValueValidator(EARLIEST_DATE, message="Give a date from 1900 onwards."),
    MaxValueValidator(LATEST_DATE, message="Give a date before the year 3000."),
]


# Dates are typed and shown as the site prints them ("3 Mar 2025"); ISO dates from links
# and older bookmarks are still read.
SITE_DATE_FORMAT = "%-d %b %Y"
DATE_INPUT_FORMATS = ["%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%d/%m/%Y"]


class DateInput(forms.DateInput):
    """A text box for a date in the site's format, with an example as its placeholder."""

    def __init__(self, attrs=None):
        defaults = {"placeholder": "e.g. 3 Mar 2025", "inputmode": "text", "size": 12}
        super().__init__(attrs={**defaults, **(attrs or {})}, format=SITE_DATE_FORMAT)

    def format_value(self, value):
        # A date typed in any accepted format is shown back in the site's.
        if isinstance(value, str):
            value = next(filter(None, (parsed(value, fmt) for fmt in DATE_INPUT_FORMATS)), value)
        return super().format_value(value)


def parsed(text: str, fmt: str) -> date | None:
    """Return `text` read as a date in `fmt`, or None."""
    try:
        return datetime.strptime(text.strip(), fmt).date()
    except ValueError:
        return None


def date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=DateInput,
        validators=DATE_RANGE,
        input_formats=DATE_INPUT_FORMATS,
        help_text="Day, month and year, e.g. 3 Mar 2025.",
    )


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", required=False, max_length=MAX_QUERY_LENGTH, strip=True)
    section = forms.ModelChoiceField(
        queryset=Section.objects.with_ancestors(),
        to_field_name="slug",
        required=False,
        empty_label="All sections",
    )
    tag = forms.CharField(
        label="Topic", required=False, max_length=100, help_text="A topic or place, e.g. Hong Kong."
    )
    person = forms.CharField(label="Person", required=False, max_length=200)
    date_from = date_field("From")
    date_to = date_field("To")
    order = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[("relevance", "Best match"), ("newest", "Newest first")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The filters sit after the results (templates/search/search.html), outside the
        # <form> element; the form attribute keeps them part of it.
        for name, field in self.fields.items():
            if name != "q":
                field.widget.attrs["form"] = "search-form"

    def clean_tag(self):
        name = self.cleaned_data["tag"].strip()
        if not name:
            return None
        tag = Tag.objects.public().filter(Q(slug=name) | Q(name__iexact=name)).first()
        if tag is None:
            raise forms.ValidationError(f"There is no topic called “{name}”.")
        return tag

    def clean_person(self):
        name = self.cleaned_data["person"].strip()
        if not name:
            return None
        people = Person.objects.named_in(Article.objects.published())
        person = people.filter(Q(slug=name) | Q(full_name__iexact=name)).first()
        if person is None:
            raise forms.ValidationError(f"There is nobody called “{name}” in our archive.")
        return person

    def clean_order(self):
        return self.cleaned_data["order"] or "relevance"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date comes before the start date.")
        return cleaned

    def has_filters(self) -> bool:
        """Return True if anything other than the words narrows the search."""
        keys = ("section", "tag", "person", "date_from", "date_to")
        return any(self.cleaned_data.get(key) for key in keys)

    def search_arguments(self) -> dict:
        """Return the keyword arguments for `search_articles`, from valid data."""
        data = self.cleaned_data
        keys = ("order", "section", "tag", "person", "date_from", "date_to")
        return {key: data.get(key) for key in keys}
