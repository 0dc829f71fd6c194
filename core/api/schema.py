"""Adjustments to the generated OpenAPI schema, so that it says what the API accepts."""

# What drf-spectacular writes for a slug that allows every script. JSON Schema patterns are
# ECMA-262 regular expressions, where \w matches ASCII letters only, so a validator reading
# this pattern would call "中文標籤" or "ü" invalid although the API gives and takes them.
UNICODE_SLUG_PATTERN = r"^[-\w]+$"
UNICODE_SLUG_DESCRIPTION = "Letters and digits of any script, hyphens and underscores."


def describe_unicode_slugs(result, generator, request, public):
    """Replace the ASCII-only pattern of Unicode slugs with a description (a schema hook)."""
    for component in result.get("components", {}).get("schemas", {}).values():
        for field in component.get("properties", {}).values():
            if field.get("pattern") == UNICODE_SLUG_PATTERN:
                del field["pattern"]
                field.setdefault("description", UNICODE_SLUG_DESCRIPTION)
    return result


PROBLEM_SCHEMA = {
    "type": "object",
    "description": "An error, as RFC 9457 problem details.",
    "properties": {
        "type": {"type": "string", "format": "uri-reference", "example": "about:blank"},
        "title": {"type": "string", "description": "The HTTP status, in words."},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string", "description": "What went wrong, for a person to read."},
        "instance": {"type": "string", "format": "uri-reference"},
        "code": {"type": "string", "description": "What went wrong, for a program."},
        "errors": {
            "type": "object",
            "description": "For invalid data: each field at fault with its messages.",
            "additionalProperties": True,
        },
    },
    "required": ["type", "title", "status", "detail"],
}
PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}

# Why each error can happen; an operation lists those that apply to it (see `errors_of`).
ERRORS = {
    "400": "A parameter or the body is invalid; `errors` names the fields.",
    "401": "The token is wrong (reads need none; writes need one).",
    "403": "Your account or role may not do this; `detail` says why.",
    "404": "Nothing here, or nothing you may see (a page or cursor past the end too).",
    "406": "None of the media types in Accept can be served.",
    "409": "Still in use by other records; remove those links first.",
    "412": "If-Match is stale: the article changed since you read it; nothing saved.",
    "413": "The body is larger than the API accepts.",
    "415": "The body's Content-Type is not JSON, a form or multipart.",
    "428": "If-Match is missing: GET the article and send its ETag.",
    "429": "Too many requests; Retry-After says when to try again.",
}
ERROR_HEADERS = {
    "401": {"WWW-Authenticate": "How to authenticate: `Token`."},
    "429": {"Retry-After": "Seconds to wait before the next request."},
}
CONDITIONAL_PREFIX = "/api/v1/"
# The extension an app's viewset sets on operations that need an Administrator, reads too.
ADMINISTRATORS_ONLY = "x-administrators-only"
READ_METHODS = ("get", "head")
BODY_METHODS = ("post", "put", "patch")


def errors_of(path: str, method: str, operation: dict) -> list[str]:
    """Return the 4xx statuses an operation can answer with."""
    statuses = ["400", "401", "406", "429"]
    has_id = "{" in path
    if method not in READ_METHODS or operation.get(ADMINISTRATORS_ONLY):
        statuses.append("403")
    if has_id or method in READ_METHODS:
        # Lists answer 404 to a page or cursor past the end.
        statuses.append("404")
    if method in BODY_METHODS:
        statuses += ["413", "415"]
    if method == "delete":
        statuses.append("409")
    if_match = [p for p in operation.get("parameters", []) if p["name"] == "If-Match"]
    if if_match or (path.startswith("/api/v1/articles/{") and method in ("post", "delete")):
        statuses.append("412")
    if if_match and if_match[0].get("required"):
        statuses.append("428")
    return statuses


def header_objects(headers: dict[str, str]) -> dict:
    return {
        name: {"schema": {"type": "string"}, "description": text} for name, text in headers.items()
    }


def document_errors(result, generator, request, public):
    """Give every operation its problem responses, 304 where conditional, anonymous reads."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            number_ids(operation)
            allow_empty_filters(operation)
            responses = operation.setdefault("responses", {})
            for status in errors_of(path, method, operation):
                response = responses.setdefault(status, {"description": ERRORS[status]})
                response["content"] = {PROBLEM_MEDIA_TYPE: {"schema": PROBLEM_REF}}
                if status in ERROR_HEADERS:
                    response["headers"] = header_objects(ERROR_HEADERS[status])
            if method in READ_METHODS:
                if not operation.get(ADMINISTRATORS_ONLY):
                    allow_anonymous(operation)
                if path.startswith(CONDITIONAL_PREFIX):
                    make_conditional(operation)
    return result


def allow_anonymous(operation: dict) -> None:
    """Say that a read needs no credentials (the empty requirement comes first)."""
    schemes = [s for s in operation.get("security", []) if s]
    operation["security"] = [{}, *schemes]


def make_conditional(operation: dict) -> None:
    """Document the validators of a GET and its 304 answer."""
    validators = header_objects(
        {
            "ETag": "The representation's entity tag, for If-None-Match and If-Match.",
            "Last-Modified": "When the representation last changed.",
        }
    )
    operation["responses"]["200"].setdefault("headers", {}).update(validators)
    operation["responses"]["304"] = {
        "description": "Not modified: the copy named by If-None-Match is current.",
        "headers": validators,
    }
    names = {p["name"] for p in operation.setdefault("parameters", [])}
    if "If-None-Match" not in names:
        operation["parameters"].append(
            {
                "name": "If-None-Match",
                "in": "header",
                "required": False,
                "description": "The ETag of your copy; the answer is 304 if it is current.",
                "schema": {"type": "string"},
            }
        )


def number_ids(operation: dict) -> None:
    """Call a path id that only digits match an integer, as a generated client should type it."""
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path" and parameter["schema"].get("pattern") == "^[0-9]+$":
            parameter["schema"] = {"type": "integer", "minimum": 0}


# Query parameters that are not filters: an empty value there is an error, not "no filter".
NOT_FILTERS = {"page", "page-size", "cursor", "fields", "tag"}


def allow_empty_filters(operation: dict) -> None:
    """Say that an empty filter (`?section=`, as an HTML form sends) applies no filter."""
    for parameter in operation.get("parameters", []):
        if parameter["in"] != "query":
            continue
        if parameter["name"] == "tag":
            parameter["schema"]["items"]["minLength"] = 1  # every slug has a character
        elif parameter["name"] not in NOT_FILTERS:
            parameter["allowEmptyValue"] = True
