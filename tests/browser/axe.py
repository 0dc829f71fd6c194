"""Run axe-core inside a Playwright page and return its violations."""

from .conftest import AXE

# Rules that WCAG 2.2 AA and axe's best practices cover.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def violations(page) -> list[str]:
    """Inject axe-core into `page`, run it, and return one line per violation found."""
    # Evaluated through the browser's devtools channel, which the page's CSP does not govern
    # (an injected <script> tag would be refused, as the policy means it to be).
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(node["target"][0] for node in v["nodes"][:3])
        for v in result["violations"]
    ]
