"""The HTTP client for feeds and pages, and the guard that keeps it off internal networks.

Feed authors, not our admins, choose the links we fetch, so a feed could point the bot at
``http://127.0.0.1:8080/admin`` or a cloud metadata service and have the answer stored,
briefed and shown to everyone. Every connection the client opens therefore goes through
:class:`GuardedBackend`, an httpcore network backend that:

* resolves the host itself (numeric hosts in every spelling inet_aton accepts, such as
  ``2130706433``, ``0x7f000001`` or ``127.1``, are parsed without asking DNS);
* refuses loopback, private, link-local, multicast, reserved and unspecified addresses,
  IPv4 and IPv6, including IPv4 addresses inside IPv6 (``::ffff:127.0.0.1``, NAT64,
  6to4, Teredo), with a short reason ("refused: address is private");
* connects to the address it checked, never to a second DNS answer, so a name that
  resolves to a public address for the check and to 127.0.0.1 a moment later
  (DNS rebinding) cannot slip through.

The Host header and the TLS server name still carry the host name: httpcore passes only
the TCP connect through the backend. Redirects are new requests (fetch.py follows them by
hand), and a pooled connection is only reused for the origin it was opened, and checked,
for, so every hop is covered. ``allow_private`` (NEWSBRIEF_FETCH_ALLOW_PRIVATE) admits
loopback and private networks for intranet feeds; link-local, multicast, reserved and
unspecified addresses stay refused.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable, Iterable, Sequence
from functools import partial

import httpcore
import httpx

from bot.config import Settings
from bot.i18n import N_, Text
from bot.sources.fetch import AddressRefusedError

__all__ = [
    "GuardedBackend",
    "IPAddress",
    "Policy",
    "Resolver",
    "make_client",
    "refusal",
    "system_resolver",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# host, port -> the IP addresses to try, as strings, in order.
Resolver = Callable[[str, int], Awaitable[Sequence[str]]]
# An address -> None when it may be fetched from, else what it is ("private").
Policy = Callable[[IPAddress], str | None]

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
# The characters of the legacy IPv4 spellings inet_aton accepts (hex, octal, 1-3 parts).
_NUMERIC_HOST = re.compile(r"[0-9a-fA-FxX.]+")


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address a packet to this IPv6 address ends up at, if it carries one."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    return None


def refusal(address: IPAddress, *, allow_private: bool = False) -> str | None:
    """Why we do not connect to ``address`` ("loopback", "private", ...), or None."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = _embedded_ipv4(address)
        if inner is not None:
            # The outer prefix (::ffff:0:0/96, 64:ff9b::/96) only says "IPv4 inside".
            return refusal(inner, allow_private=allow_private)
    # Order matters: Python counts loopback, link-local and reserved ranges as private too.
    if address.is_unspecified:
        return N_("unspecified")
    if address.is_multicast:
        return N_("multicast")
    if address.is_link_local:
        return N_("link-local")
    if address.is_loopback:  # before "reserved": ::1 lies in the reserved ::/8
        return None if allow_private else N_("loopback")
    if address.is_reserved:
        return N_("reserved")
    if allow_private:
        return None
    if address.is_private:
        return N_("private")
    if not address.is_global:
        return N_("not public")  # e.g. carrier-grade NAT, 100.64.0.0/10
    return None


def numeric_host(host: str) -> IPAddress | None:
    """The address a numeric host means, in any spelling a resolver would accept, else None."""
    text = host.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    if _NUMERIC_HOST.fullmatch(text):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(text))
        except OSError:
            return None
    return None


async def system_resolver(host: str, port: int) -> Sequence[str]:
    """The operating system's answer (getaddrinfo, off the event loop's thread)."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves, checks, then connects to the checked address (see the module docstring)."""

    def __init__(self, policy: Policy, resolver: Resolver = system_resolver) -> None:
        self._policy = policy
        self._resolver = resolver
        self._backend = httpcore.AnyIOBackend()

    async def addresses(self, host: str, port: int) -> list[str]:
        """The addresses we may connect to for ``host``; raises AddressRefusedError if none."""
        literal = numeric_host(host)
        if literal is not None:
            answers: Sequence[str] = [str(literal)]
        else:
            try:
                answers = await self._resolver(host, port)
            except OSError as exc:  # socket.gaierror: no such host, DNS down
                raise httpcore.ConnectError(str(exc)) from exc
        allowed: list[str] = []
        refused: str | None = None
        for answer in answers:
            address = numeric_host(answer)
            why = N_("not an IP address") if address is None else self._policy(address)
            if why is None:
                allowed.append(str(address))
            elif refused is None:
                refused = why
        if refused is not None or not allowed:
            # One bad answer refuses the host: a name that also points inward is not a
            # public news site, and a round-robin answer could otherwise be retried into.
            raise AddressRefusedError(
                N_("refused: address is {kind}"), kind=Text(refused or N_("unknown"))
            )
        return allowed

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        last: Exception | None = None
        for address in await self.addresses(host, port):
            try:
                return await self._backend.connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc  # try the next checked address, as happy eyeballs would
        assert last is not None  # addresses() never returns an empty list
        raise last

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise AddressRefusedError(N_("refused: unix sockets are not fetched"))

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


def make_client(
    *,
    user_agent: str,
    timeout: float,
    allow_private: bool = False,
    resolver: Resolver = system_resolver,
    policy: Policy | None = None,
) -> httpx.AsyncClient:
    """One shared client for all fetches (connection reuse), configured for ``fetch``.

    ``follow_redirects`` is off because ``fetch`` follows them by hand (see there).
    Compression is limited to gzip/deflate, which httpx always decodes. Proxies from the
    environment are not used: a proxy would connect where we cannot check. ``resolver``
    and ``policy`` are for tests (a stub DNS; an address treated as public).
    """
    limits = httpx.Limits(max_connections=20, max_keepalive_connections=10, keepalive_expiry=30.0)
    transport = httpx.AsyncHTTPTransport(limits=limits)
    # httpx does not take a network backend; its transport is a thin adapter over this
    # pool, so the pool is rebuilt with the same settings and our backend.
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=GuardedBackend(
            policy or partial(refusal, allow_private=allow_private), resolver
        ),
    )
    return httpx.AsyncClient(
        headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        follow_redirects=False,
        transport=transport,
    )


def client_for(settings: Settings) -> httpx.AsyncClient:
    """The HTTP client for feeds and pages, configured from the settings."""
    return make_client(
        user_agent=settings.user_agent,
        timeout=settings.fetch_timeout,
        allow_private=settings.fetch_allow_private,
    )
