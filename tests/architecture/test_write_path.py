"""Only the write path writes an article's relation rows: every project module is read to check."""

import ast
import inspect
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["articles", "people", "seeds", "config"]
RELATION_MODELS = {
    "Byline", "Mention", "TaggedArticle", "ArticleImage", "RelatedArticle", "RelatedHeadline",
}  # fmt: skip
# The article's accessors for those rows (and for the tags and picks through them).
RELATION_ACCESSORS = {
    "bylines", "mentions", "tagged_items", "images", "related_links", "related_headlines",
    "tags", "related_articles",
}  # fmt: skip
WRITES = {
    "create", "bulk_create", "get_or_create", "update_or_create", "update", "bulk_update",
    "delete", "save", "add", "set", "remove", "clear",
}  # fmt: skip
WRITE_PATH = "articles/services/writing.py"
ALLOWED = {
    # Restoring a revision and recovering a deleted article write the stored rows back as
    # they were, ids included; reversion's own revert does the same (see revert_content).
    "articles/services/revisions.py",
    # Restoring a content archive into an empty database writes the exported rows back as
    # they were, ids included, like a database restore.
    "articles/services/archive.py",
}


def project_modules() -> list[Path]:
    """Return every Python module of the project's apps, migrations aside."""
    return sorted(
        path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    )


def _chain(node: ast.AST):
    """Yield the receiver chain of an expression: `a.b(c).d` gives the call, a.b, a and so on."""
    while node is not None:
        yield node
        if isinstance(node, ast.ListComp | ast.GeneratorExp):
            node = node.elt
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute | ast.Subscript):
            node = node.value
        else:
            node = None


def _reaches_rows(node: ast.AST, tainted: set[str]) -> bool:
    """Return True if the expression is relation rows: a model, an accessor, a variable."""
    for part in _chain(node):
        if isinstance(part, ast.Name) and (part.id in RELATION_MODELS or part.id in tainted):
            return True
        if isinstance(part, ast.Attribute) and part.attr in RELATION_ACCESSORS:
            return True
        # getattr(article, "bylines") or getattr(article, a variable naming one)
        if isinstance(part, ast.Call) and getattr(part.func, "id", "") == "getattr":
            return True
    return False


def _scope_nodes(scope: ast.AST) -> list[ast.AST]:
    """Return the nodes of a module or function, leaving out the functions nested in it."""
    nodes, pending = [], list(ast.iter_child_nodes(scope))
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        nodes.append(node)
        pending.extend(ast.iter_child_nodes(node))
    return nodes


def _tainted_names(nodes: list[ast.AST]) -> set[str]:
    """Return the variables that hold relation rows or querysets of them, to a fixed point."""
    tainted: set[str] = set()
    assignments = [node for node in nodes if isinstance(node, ast.Assign | ast.For)]
    while True:
        before = len(tainted)
        for node in assignments:
            value = node.value if isinstance(node, ast.Assign) else node.iter
            if _reaches_rows(value, tainted):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                tainted |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        if len(tainted) == before:
            return tainted


def relation_writes(source: str) -> list[str]:
    """Return `line: call` for every call in `source` that writes relation rows."""
    tree = ast.parse(source)
    scopes = [
        tree,
        *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)),
    ]
    found = []
    for scope in scopes:
        nodes = _scope_nodes(scope)
        tainted = _tainted_names(nodes)
        found += [
            f"{node.lineno}: {ast.unparse(node)[:80]}"
            for node in nodes
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in WRITES
            and _reaches_rows(node.func.value, tainted)
        ]
    return sorted(found)


def test_only_the_write_path_writes_relation_rows():
    offenders = {
        str(path.relative_to(ROOT)): writes
        for path in project_modules()
        if str(path.relative_to(ROOT)) not in {WRITE_PATH, *ALLOWED}
        and (writes := relation_writes(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_article_admin_leaves_its_inlines_to_the_write_path():
    """Django's inlines save their own rows unless save_related() is taken over."""
    from articles.admin.articles import ArticleAdmin

    source = ast.parse(textwrap.dedent(inspect.getsource(ArticleAdmin.save_related)))
    calls = {ast.unparse(node.func) for node in ast.walk(source) if isinstance(node, ast.Call)}
    assert "write_article" in calls
    assert not {"super().save_related", "self.save_formset"} & calls


def test_the_write_path_is_where_the_check_expects_it():
    assert relation_writes((ROOT / WRITE_PATH).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "source",
    [
        "article.bylines.create(person=p)",
        "Byline.objects.bulk_create(rows)",
        "article.tags.add(tag)",
        "article.tagged_items.all().delete()",
        "rows = TaggedArticle.objects.filter(tag=t)\nrows.update(tag=other)",
        "use = ArticleImage(article=a)\nuse.save()",
        "for name in names:\n    getattr(article, name).all().delete()",
        "ArticleImage.objects.filter(pk=1).update(image=image)",
        "rows = [Byline(person=p) for p in people]\nfor row in rows:\n    row.save()",
    ],
)
def test_the_check_catches_each_way_of_writing_rows(source):
    assert relation_writes(source)


@pytest.mark.parametrize(
    "source",
    [
        "article.save()",
        "Article.objects.filter(pk=1).update(version=2)",
        "names = [b.person.full_name for b in article.bylines.all()]",
        "image.renditions.all().delete()",
        "item = {'by': [b.person for b in article.bylines.all()]}\nitem.update(more)",
    ],
)
def test_the_check_lets_other_writes_and_reads_be(source):
    assert relation_writes(source) == []
