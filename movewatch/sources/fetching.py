"""Bounded HTTP GET: one total deadline, a size cap read while streaming, our user agent.

SourceSettings.feed_timeout_seconds bounds the whole fetch (name lookup, connect, every
redirect, headers and body), not each read: a server that trickles its headers or body a byte
at a time cannot hold a run. The request runs on httpx.AsyncClient under asyncio.timeout on an
event loop of its own; the loop is closed without waiting for a stuck name lookup.

With public_only (followed article links) every URL, the first and each redirect, must be
http(s) and its host must resolve only to public addresses; the address actually connected to
is checked again before the body is read (against DNS rebinding). Such fetches connect
directly, without environment proxies.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import ipaddress
import socket
import threading
from typing import Any
from urllib.parse import urljoin, urlsplit

from movewatch.sources.records import SourceSettings

MAX_REDIRECTS = 10
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class FetchError(RuntimeError):
    """A URL could not be fetched within the limits; str(error) is the reject reason."""


class BlockedURLError(FetchError):
    """The URL (or one it redirects to) is not http(s) or leads to a non-public address."""


def blocked_address_reason(address: str) -> str | None:
    """Why an IP address may not be fetched from a followed link, or None when it is public."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    except ValueError:
        return f"{address!r} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    checks = (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("non-public", not ip.is_global),
    )
    for label, flagged in checks:
        if flagged:
            return f"{address} is a {label} address"
    return None


async def _getaddrinfo(host: str, port: int) -> list[Any]:
    """socket.getaddrinfo in a daemon thread: a hung lookup never blocks closing the loop."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[list[Any]] = loop.create_future()

    def settle(result: list[Any] | None, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result or [])

    def work() -> None:
        try:
            result, error = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM), None
        except BaseException as caught:  # noqa: BLE001 - handed to the awaiting task
            result, error = None, caught
        # RuntimeError: the loop is closed, the fetch already gave up.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=work, name=f"getaddrinfo {host}", daemon=True).start()
    return await future


async def _check_url(url: str, public_only: bool) -> None:
    """Refuse non-http(s) URLs and, with public_only, hosts with any non-public address."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise BlockedURLError(f"{url!r} is not an http(s) URL")
    if not public_only:
        return
    host = parts.hostname
    if not host:
        raise BlockedURLError(f"{url!r} has no host")
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as error:
        raise FetchError(f"bad URL {url!r}: {error}") from error
    try:
        infos = await _getaddrinfo(host, port)
    except (OSError, UnicodeError) as error:
        raise FetchError(f"cannot resolve {host}: {error}") from error
    if not infos:
        raise FetchError(f"cannot resolve {host}: no addresses")
    for info in infos:
        reason = blocked_address_reason(str(info[4][0]))
        if reason:
            raise BlockedURLError(f"{url}: {host} resolves to a non-public address: {reason}")


def _check_peer(response: Any, url: str) -> None:
    """Refuse a response whose connection went to a non-public address (DNS rebinding)."""
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if not peer:
        raise BlockedURLError(f"{url}: the address connected to is unknown")
    reason = blocked_address_reason(str(peer[0]))
    if reason:
        raise BlockedURLError(f"{url}: connected to a non-public address: {reason}")


async def _fetch(url: str, settings: SourceSettings, max_bytes: int, public_only: bool) -> bytes:
    import httpx  # deferred: only runs that fetch URLs pay for the import

    headers = {"User-Agent": settings.user_agent}
    # An explicit transport ignores environment proxies: the peer checked is the page's host.
    transport = httpx.AsyncHTTPTransport() if public_only else None
    async with httpx.AsyncClient(
        timeout=settings.feed_timeout_seconds,
        follow_redirects=False,  # followed below, each hop checked
        headers=headers,
        transport=transport,
    ) as client:
        for _ in range(MAX_REDIRECTS + 1):
            await _check_url(url, public_only)
            async with client.stream("GET", url) as response:
                if public_only:
                    _check_peer(response, url)
                location = response.headers.get("location")
                if response.status_code in REDIRECT_STATUSES and location:
                    url = urljoin(str(response.url), location.strip())
                    continue
                if response.status_code != 200:
                    raise FetchError(f"HTTP {response.status_code} from {url}")
                declared = response.headers.get("content-length", "").strip()
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(f"too large: {declared} bytes declared > cap of {max_bytes}")
                chunks: list[bytes] = []
                received = 0
                async for chunk in response.aiter_bytes():
                    received += len(chunk)
                    if received > max_bytes:
                        raise FetchError(f"too large: over the cap of {max_bytes} bytes")
                    chunks.append(chunk)
                return b"".join(chunks)
    raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})")


async def _fetch_within_deadline(
    url: str, settings: SourceSettings, max_bytes: int, public_only: bool
) -> bytes:
    import httpx

    timeout = settings.feed_timeout_seconds
    try:
        async with asyncio.timeout(timeout):
            return await _fetch(url, settings, max_bytes, public_only)
    except TimeoutError as error:
        raise FetchError(f"timed out after {timeout:g} s (total deadline)") from error
    except httpx.TimeoutException as error:
        raise FetchError(f"timed out after {timeout:g} s ({type(error).__name__})") from error
    except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as error:
        raise FetchError(f"fetch failed: {type(error).__name__}: {error}") from error
    except (ValueError, UnicodeError) as error:  # e.g. an unparseable redirect target
        raise FetchError(f"fetch failed: {type(error).__name__}: {error}") from error


def _run_fetch(url: str, settings: SourceSettings, max_bytes: int, public_only: bool) -> bytes:
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(
            _fetch_within_deadline(url, settings, max_bytes, public_only)
        )
    finally:
        try:
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            loop.close()  # does not wait for executor threads (a stuck name lookup)


def fetch_bytes(
    url: str, settings: SourceSettings, *, max_bytes: int, public_only: bool = False
) -> bytes:
    """GET url and return its body, or raise FetchError (timeout, non-200, over max_bytes).

    The whole fetch, redirects included, must finish within settings.feed_timeout_seconds.
    With public_only, BlockedURLError refuses URLs that are not http(s) or that lead to a
    loopback, private, link-local, multicast, reserved or unspecified address.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _run_fetch(url, settings, max_bytes, public_only)
    # Called from async code: run our own loop in a worker thread.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_run_fetch, url, settings, max_bytes, public_only).result()
