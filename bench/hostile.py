"""Time the heaviest requests a client can send, under gunicorn, beside a trivial view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/masthead_bench \\
    REDIS_URL=redis://127.0.0.1:6379/9 .venv/bin/python bench/hostile.py --port 8107

Serves with 2 sync workers and production settings (bench/serve.py's server; its 30 s worker
timeout is gunicorn's default) and sends, one at a time: an article body of 100,000 nested
<div> and one of 100,000 nested <b> to the API as a contributor, a 40-megapixel PNG to the
image library and stories of 1.5 MB (longer than an article may be) and 800 kB naming
thousands of people to the import preview, as an editor. Prints each answer's status and
seconds beside the trivial view's.
"""

import argparse
import json
import re
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.serve import Server, manage, shell  # noqa: E402

PASSWORD = "bench-only-password-0123456789"
# Shell code run inside Django: a contributor with an API token and an editor, as JSON. The
# tokens of an earlier run are revoked first: each run leaves one live token per member.
MEMBERS = f"""
import json
from django.contrib.auth.models import Group, User
from accounts.models import ApiToken
from accounts.tokens import new_token, revoke_token
from articles.models import Section
Section.objects.get_or_create(slug="news", defaults={{"name": "News"}})
made = {{}}
for role in ("Contributor", "Editor"):
    user, _ = User.objects.get_or_create(
        username="bench-" + role.lower(), defaults={{"is_staff": True}}
    )
    user.set_password("{PASSWORD}"); user.save()
    user.groups.add(Group.objects.get(name=role))
    for old in ApiToken.objects.filter(user=user, name="bench/hostile.py", revoked_at=None):
        revoke_token(token=old)
    made[role] = new_token(user, name="bench/hostile.py", scope="publish")[1]
print(json.dumps(made))
"""


def send(opener, url: str, data: bytes | None = None, headers: dict | None = None):
    """Return the status, body, seconds and headers of one request, whatever the status."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    started = time.perf_counter()
    try:
        with opener.open(request, timeout=120) as response:
            status, body, got = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, body, got = error.code, error.read(), error.headers
    return status, body, time.perf_counter() - started, got


def nested(tag: str, levels: int) -> str:
    return f"<{tag}>" * levels + "x" + f"</{tag}>" * levels


def large_png() -> bytes:
    """Return a 39.9-megapixel PNG of lines on a gradient (about 2 MB)."""
    from PIL import Image, ImageDraw

    size = (7300, 5470)
    picture = Image.radial_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(picture)
    for x in range(0, size[0], 97):
        draw.line((x, 0, size[0] - x, size[1]), fill=(x % 255, 80, 160), width=9)
    buffer = BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def crowded_story(size: int) -> str:
    """Return a plain-text story naming a new person in each paragraph."""
    parts, n = ["Ferry crossings double as the harbour fills", "By Jo Writer"], 0
    while sum(map(len, parts)) < size:
        n += 1
        suffix = "".join(chr(97 + (n // 26**k) % 26) for k in range(3)).capitalize()
        parts.append(f"Harbour board chair Mina Okafor {suffix} said {n} more boats would sail.")
    return "\n\n".join(parts)


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = BytesIO()
    for name, value in fields.items():
        disposition = f'Content-Disposition: form-data; name="{name}"'
        body.write(f"--{boundary}\r\n{disposition}\r\n\r\n".encode())
        body.write(f"{value}\r\n".encode())
    for name, (filename, data, kind) in files.items():
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
        )
        body.write(data + b"\r\n")
    body.write(f"--{boundary}--\r\n".encode())
    return body.getvalue(), f"multipart/form-data; boundary={boundary}"


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is an answer here, not a page to fetch


class Browser:
    """An admin session over plain HTTP, as if behind the TLS proxy production expects.

    Production cookies are Secure, which urllib's cookie jar keeps from http:// addresses,
    so this sends them itself, with the proxy's X-Forwarded-Proto and a same-origin Referer.
    """

    def __init__(self, server: Server):
        self.server, self.cookies = server, {}
        self.opener = urllib.request.build_opener(NoRedirects)

    def send(self, path: str, data: bytes | None = None, headers: dict | None = None):
        origin = f"https://127.0.0.1:{self.server.port}"
        sent = {"X-Forwarded-Proto": "https", "Referer": origin + path, "Origin": origin}
        sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        status, body, seconds, got = send(
            self.opener, self.server.url(path), data, sent | (headers or {})
        )
        for line in got.get_all("Set-Cookie") or []:
            name, value = line.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return status, body, seconds

    def csrf(self, path: str) -> str:
        page = self.send(path)[1].decode()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def sign_in(self, username: str) -> None:
        login = {"username": username, "password": PASSWORD}
        login["csrfmiddlewaretoken"] = self.csrf("/admin/login/")
        status = self.send("/admin/login/", urllib.parse.urlencode(login).encode())[0]
        assert status == 302, f"sign-in answered {status}"


def measure(server: Server, tokens: dict) -> list[tuple[str, int, float]]:
    plain = urllib.request.build_opener()
    ceiling = [send(plain, server.url("/bench/ceiling/"))[2] for _ in range(5)]
    rows = [("ceiling: trivial view (median of 5)", 200, statistics.median(ceiling))]
    api = {"Authorization": f"Token {tokens['Contributor']}", "Content-Type": "application/json"}
    for tag in ("div", "b"):
        body = {"headline": "Deep", "section": "news", "body": nested(tag, 100_000)}
        data = json.dumps(body).encode()
        status, _, seconds, _ = send(plain, server.url("/api/v1/articles/"), data, api)
        rows.append((f"API body: 100,000 nested <{tag}> ({len(data) // 1000} kB)", status, seconds))
    editor = Browser(server)
    editor.sign_in("bench-editor")
    picture = large_png()
    fields = {"csrfmiddlewaretoken": editor.csrf("/admin/images/image/add/")}
    fields |= {"alt_text": "Lines", "caption": "Lines", "credit": "Bench"}
    data, kind = multipart(fields, {"file": ("lines.png", picture, "image/png")})
    status, _, seconds = editor.send("/admin/images/image/add/", data, {"Content-Type": kind})
    rows.append((f"library upload: 40 MP PNG ({len(picture) // 1000} kB)", status, seconds))
    for size in (1_500_000, 800_000):
        text = crowded_story(size)
        form = {"csrfmiddlewaretoken": editor.csrf("/admin/articles/article/import/")}
        form |= {"format": "text", "section": "", "text": text}
        data = urllib.parse.urlencode(form).encode()
        status, page, seconds = editor.send("/admin/articles/article/import/", data)
        outcome = "refused" if b"the limit is" in page else "previewed"
        name = f"import preview: {len(text.encode()) // 1000} kB story ({outcome})"
        rows.append((name, status, seconds))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8107)
    args = parser.parse_args()
    manage("migrate", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    tokens = json.loads(shell(MEMBERS))
    with Server(args.port, "off") as server:
        rows = measure(server, tokens)
    ceiling = rows[0][2]
    print(f"{'request':52} {'status':>6} {'seconds':>8} {'÷ trivial':>10}")
    for name, status, seconds in rows:
        print(f"{name:52} {status:6d} {seconds:8.2f} {seconds / ceiling:10.0f}")


if __name__ == "__main__":
    main()
