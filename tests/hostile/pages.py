"""Read a page's forms as a browser would submit them, and count every table's rows."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.apps import apps
from django.db import connection

SKIPPED_INPUTS = {"submit", "button", "image", "reset", "file"}


@dataclass
class Form:
    """A form of the page: its attributes and the (name, value) pairs it would submit."""

    attrs: dict
    pairs: list = field(default_factory=list)

    def names(self) -> list[str]:
        """Return each field's name once, leaving out the inlines' empty templates."""
        found = dict.fromkeys(name for name, _ in self.pairs if "__prefix__" not in name)
        return [name for name in found if name != "csrfmiddlewaretoken"]

    def with_value(self, names: list[str], value) -> list[tuple[str, object]]:
        """Return the pairs with every field in `names` replaced by `value`, once."""
        pairs = [(name, old) for name, old in self.pairs if name not in names]
        return pairs + [(name, value) for name in names]


class Forms(HTMLParser):
    """Collect the POST forms of a page with what each would submit as it stands."""

    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: tuple[str, bool, list] | None = None
        self.textarea: list | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "form" and (values.get("method") or "").lower() == "post":
            self.form = Form(values)
            self.forms.append(self.form)
        if self.form is None:
            return
        name = values.get("name")
        if tag == "input" and name:
            self._input(name, values)
        elif tag == "select" and name:
            self.select = (name, "multiple" in values, [])
        elif tag == "option" and self.select is not None:
            self.select[2].append((values.get("value", ""), "selected" in values))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def _input(self, name, values):
        kind = (values.get("type") or "text").lower()
        if kind in SKIPPED_INPUTS or (kind in ("checkbox", "radio") and "checked" not in values):
            return
        self.form.pairs.append((name, values.get("value") or ("on" if kind == "checkbox" else "")))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select is not None:
            name, multiple, options = self.select
            chosen = [value for value, selected in options if selected]
            if not chosen and not multiple and options:
                chosen = [options[0][0]]
            self.form.pairs += [(name, value) for value in chosen]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.form.pairs.append(tuple(self.textarea))
            self.textarea = None


def main_form(html: str) -> Form | None:
    """Return the page's form of record: the POST form that is not the sign-out button."""
    parser = Forms()
    parser.feed(html)
    forms = [form for form in parser.forms if form.attrs.get("id") != "logout-form"]
    return forms[0] if forms else None


def row_counts() -> dict[str, int]:
    """Return the number of rows of every model's table, by model.

    One query for all the tables: the hostile tests count before and after each of some
    thousands of requests, and a query per table made counting a good part of their time.
    """
    models = [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT {i}, COUNT(*) FROM {quote(model._meta.db_table)}" for i, model in enumerate(models)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        counts = dict(cursor.fetchall())
    return {model._meta.label: counts[i] for i, model in enumerate(models)}
