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
