"""The served OpenAPI schema says what the API does: errors, 304, anonymous reads, types."""

import pytest

pytestmark = pytest.mark.django_db

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


@pytest.fixture
def schema(api):
    return api.get("/api/schema/", {"format": "json"}).json()


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_the_tag_filter_is_an_exploded_array_of_strings(schema):
    parameters = schema["paths"]["/api/v1/articles/"]["get"]["parameters"]
    tag = next(p for p in parameters if p["name"] == "tag")

    assert tag["schema"] == {"type": "array", "items": {"type": "string", "minLength": 1}}
    assert tag["style"] == "form" and tag["explode"] is True


def test_every_operation_documents_its_errors_as_problem_details(schema):
    for path, method, operation in operations(schema):
        errors = {code for code in operation["responses"] if code.startswith("4")}
        assert {"400", "401", "429"} <= errors, (method, path)
        for code in errors:
            assert operation["responses"][code]["content"] == PROBLEM, (method, path, code)


def test_writes_document_what_refuses_them(schema):
    patch = schema["paths"]["/api/v1/articles/{id}/"]["patch"]["responses"]
    create = schema["paths"]["/api/v1/tags/"]["post"]["responses"]

    assert {"403", "404", "412", "413", "428"} <= set(patch)
    assert {"403", "413", "415"} <= set(create)


def test_reads_are_anonymous_conditional_and_answer_304(schema):
    for path, method, operation in operations(schema):
        if method != "get" or not path.startswith("/api/v1/"):
            continue
        # Webhook endpoints are for Administrators only: no anonymous reads there.
        anonymous = operation["security"][0] == {}
        assert anonymous != bool(operation.get("x-administrators-only")), path
        assert "304" in operation["responses"], path
        assert "ETag" in operation["responses"]["200"]["headers"], path


def test_the_cursor_is_a_parameter_and_comes_back_on_its_own(schema):
    parameters = schema["paths"]["/api/v1/articles/"]["get"]["parameters"]
    page = schema["components"]["schemas"]["PaginatedArticleList"]["properties"]

    assert "cursor" in {p["name"] for p in parameters}
    assert page["next_cursor"]["type"] == "string"


@pytest.mark.parametrize(
    ("component", "field", "reference"),
    [
        ("Article", "tags", "TagRef"),
        ("ArticleDetail", "related", "Related"),
        ("SectionRef", "path", "PathStep"),
    ],
)
def test_lists_in_articles_are_typed(schema, component, field, reference):
    items = schema["components"]["schemas"][component]["properties"][field]["items"]

    assert items == {"$ref": f"#/components/schemas/{reference}"}


def test_the_ninjs_document_is_typed(schema):
    ninjs = schema["paths"]["/api/v1/articles/{id}/ninjs/"]["get"]["responses"]["200"]
    document = schema["components"]["schemas"]["Ninjs"]

    assert ninjs["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Ninjs"}
    assert {"uri", "firstcreated", "versioncreated", "headlines"} <= set(document["required"])


def test_a_list_item_may_carry_the_body_and_says_when(schema):
    listed = schema["components"]["schemas"]["Article"]["properties"]
    detail = schema["components"]["schemas"]["ArticleDetail"]["properties"]

    assert "`fields`" in listed["body"]["description"]
    assert detail["body"]["description"] == "Sanitised HTML."


def test_pages_promise_no_count(schema):
    page = schema["components"]["schemas"]["PaginatedArticleList"]

    assert "count" not in page["properties"] and page["required"] == ["results"]
