"""Autocomplete widgets: valid HTML, and inline rows that cost one query per inline, not per row."""

from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError

from articles.services import policy

# Select2 shows the (empty) placeholder for this choice; the label is for HTML and the
# browsers that render the plain <select> before the script runs.
BLANK_LABEL = "---------"


class LabelledAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that always opens with a labelled blank choice.

    HTML wants a required single <select> to start with an empty-valued placeholder option,
    and an <option> without a label attribute to have text (the Nu HTML Checker reports both);
    Django's autocomplete offers an unlabelled blank to optional fields only.
    """

    def optgroups(self, name, value, attr=None):
        (_, options, _), *_ = super().optgroups(name, self.nameable(value), attr)
        return [(None, [self.blank_option(name), *self.chosen_only(options)], 0)]

    def nameable(self, values) -> list:
        """Return the values that could be a key of the target, leaving out the rest.

        A form shown again with errors holds whatever was sent: Django looks the values up
        to label them, and a text where an id belongs would fail that query with a 500.
        """
        target = self.field.target_field
        kept = []
        for value in values:
            try:
                target.get_prep_value(target.to_python(value))
            except (ValidationError, ValueError, TypeError):
                continue
            kept.append(value)
        return kept

    def blank_option(self, name) -> dict:
        """Return the labelled blank choice."""
        return self.create_option(name, "", BLANK_LABEL, False, 0)

    @staticmethod
    def chosen_only(options: list[dict]) -> list[dict]:
        """Return the options that stand for a chosen value, without Django's own blank."""
        return [option for option in options if option["value"] != ""]


class LabelledAutocompleteMixin:
    """Render a ModelAdmin's autocomplete fields with the labelled-blank widget."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields and "widget" not in kwargs:
            kwargs["widget"] = LabelledAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PreloadedAutocompleteSelect(LabelledAutocompleteSelect):
    """An autocomplete that labels its selected value from a preloaded {pk: label} map."""

    def __init__(self, *args, preloaded: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.preloaded = preloaded

    def optgroups(self, name, value, attr=None):
        selected = [str(v) for v in value if v not in self.choices.field.empty_values]
        if not set(selected) <= self.preloaded.keys():
            return super().optgroups(name, value, attr)  # e.g. a new pick on a form with errors
        options = [self.blank_option(name)]
        for key in selected:
            options.append(self.create_option(name, key, self.preloaded[key], True, len(options)))
        return [(None, options, 0)]


class PreloadedAutocompleteInlineMixin:
    """Preload the labels of every row's autocomplete choice and the rows' own relations.

    `field_makers` maps a field's name to a function (field, request) → the field to use
    instead, for an inline whose picker does more (the tag picker creates tags).
    """

    field_makers: dict = {}
    # Fields naming an article: only articles the user may read are offered, accepted and
    # named. Otherwise a contributor could save a row naming any article's id, and the form
    # would then show that article's headline: stepping through ids would read every draft's.
    readable_article_fields: tuple[str, ...] = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.autocomplete_fields)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field,
                self.admin_site,
                using=kwargs.get("using"),
                preloaded=self.preload_labels(request, db_field),
            )
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in self.readable_article_fields:
            field.queryset = policy.readable_articles(request.user, field.queryset)
        make = self.field_makers.get(db_field.name)
        return make(field, request) if make else field

    def preload_labels(self, request, db_field) -> dict[str, str]:
        """Return {pk: label} for the choices this parent's rows already hold."""
        match = request.resolver_match
        parent_id = match.kwargs.get("object_id") if match else None
        if not parent_id:
            return {}
        fk_name = self.fk_name or self.parent_model._meta.model_name
        chosen = self.model.objects.filter(**{fk_name: parent_id}).values(db_field.name)
        related = db_field.related_model.objects.filter(pk__in=chosen)
        if db_field.name in self.readable_article_fields:
            related = policy.readable_articles(request.user, related)
        return {str(obj.pk): str(obj) for obj in related}
