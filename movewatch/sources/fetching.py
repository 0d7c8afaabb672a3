"""Bounded HTTP GET: a total time limit, a size cap read while streaming, our user agent."""

from __future__ import annotations

import time

from movewatch.sources.records import SourceSettings


class FetchError(RuntimeError):
    """A URL could not be fetched within the limits; str(error) is the reject reason."""


def fetch_bytes(url: str, settings: SourceSettings, *, max_bytes: int) -> bytes:
    """GET url and return its body, or raise FetchError (timeout, non-200, over max_bytes)."""
    import httpx  # deferred: only runs that fetch URLs pay for the import

    timeout = settings.feed_timeout_seconds
    deadline = time.monotonic() + timeout
    headers = {"User-Agent": settings.user_agent}
    try:
        with (
            httpx.Client(timeout=timeout, follow_redirects=True, headers=headers) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code != 200:
                raise FetchError(f"HTTP {response.status_code} from {url}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"too large: {declared} bytes declared > cap of {max_bytes}")
            chunks: list[bytes] = []
            received = 0
            for chunk in response.iter_bytes():
                received += len(chunk)
                if received > max_bytes:
                    raise FetchError(f"too large: over the cap of {max_bytes} bytes")
                if time.monotonic() > deadline:
                    raise FetchError(f"timed out after {timeout:g} s")
                chunks.append(chunk)
            return b"".join(chunks)
    except httpx.TimeoutException as error:
        raise FetchError(f"timed out after {timeout:g} s ({type(error).__name__})") from error
    except httpx.HTTPError as error:
        raise FetchError(f"fetch failed: {type(error).__name__}: {error}") from error
