"""Connections that refuse private addresses, checked when connecting (DNS rebinding).

A hostname is resolved here, each address it resolves to is checked, and the socket is
opened to the checked address itself (TLS still names the host, for SNI and the
certificate), so a name that resolves to a public address when saved and to 127.0.0.1 when
sent is refused. Loopback, private, link-local (169.254.169.254 included), multicast,
reserved and other non-global addresses are refused, IPv4 and IPv6 (mapped ones included),
unless WEBHOOK_ALLOWED_NETWORKS lists them. Redirects are never followed: http.client does not.
"""

import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urlsplit

from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class RefusedAddress(Exception):
    """The endpoint's address is one the newsroom must not call."""


def allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(cidr, strict=False) for cidr in settings.WEBHOOK_ALLOWED_NETWORKS]


def refused(address: IPAddress) -> bool:
    """Return True if `address` is not a public one, and no allowed network holds it."""
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        address = mapped
    if any(address in network for network in allowed_networks()):
        return False
    return not address.is_global or address.is_multicast


def check_url(url: str) -> None:
    """Raise ValueError for a URL that may never be called: scheme, or a refused literal IP."""
    parts = urlsplit(url)
    schemes = {"https", "http"} if settings.WEBHOOK_ALLOW_HTTP else {"https"}
    if parts.scheme not in schemes:
        raise ValueError(f"The address must start with {' or '.join(sorted(schemes))}://.")
    if not parts.hostname:
        raise ValueError("The address names no host.")
    try:
        literal = ipaddress.ip_address(parts.hostname)
    except ValueError:
        return  # a name: checked when connecting
    if refused(literal):
        raise ValueError(f"{literal} is a private or reserved address.")


def resolve(host: str, port: int) -> tuple:
    """Return the first address `host` resolves to; refuse if any of them is refused."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    for *_, sockaddr in found:
        address = ipaddress.ip_address(sockaddr[0].split("%")[0])
        if refused(address):
            raise RefusedAddress(f"{host} resolves to {address}, a private or reserved address")
    if not found:
        raise RefusedAddress(f"{host} resolves to no address")
    family, kind, proto, _, sockaddr = found[0]
    return family, kind, proto, sockaddr


def _open(host: str, port: int, timeout: float) -> socket.socket:
    family, kind, proto, sockaddr = resolve(host, port)
    sock = socket.socket(family, kind, proto)
    sock.settimeout(timeout)
    try:
        sock.connect(sockaddr)
    except OSError:
        sock.close()
        raise
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


class CheckedHTTPConnection(http.client.HTTPConnection):
    def connect(self):
        self.sock = _open(self.host, self.port, self.timeout)


class CheckedHTTPSConnection(http.client.HTTPSConnection):
    def connect(self):
        sock = _open(self.host, self.port, self.timeout)
        context = ssl.create_default_context()
        self.sock = context.wrap_socket(sock, server_hostname=self.host)


def connection_for(url: str, timeout: float) -> http.client.HTTPConnection:
    """Return an unopened connection to the URL's host that checks the address it opens."""
    check_url(url)
    parts = urlsplit(url)
    kind = CheckedHTTPSConnection if parts.scheme == "https" else CheckedHTTPConnection
    return kind(parts.hostname, parts.port, timeout=timeout)
