"""Hostile servers on 127.0.0.1 started by the test: a total deadline for every fetch, and
followed article links refused when they lead to non-public addresses (SSRF)."""

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import feedparser  # noqa: F401 - imported here so the timed runs do not pay for it
import pytest
import trafilatura  # noqa: F401

from movewatch.sources import SourceSettings, fetching, read_sources

TIMEOUT = 1.5
SUMMARY = "Zeta to close Leeds plant."
PAGE = (
    "<html><head><title>Internal admin</title></head><body><article><h1>Admin</h1>"
    + "".join(
        f"<p>SECRET internal page {n}: Zeta Motors said it would close its plant in Leeds "
        f"and move production of its small cars to Slovakia, affecting about {n}00 workers.</p>"
        for n in range(1, 6)
    )
    + "</article></body></html>"
)


def rss(*links: str) -> bytes:
    items = "".join(
        f"<item><title>Item {n}</title><link>{link}</link><guid>item-{n}</guid>"
        f"<description>{SUMMARY}</description></item>"
        for n, link in enumerate(links)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>'
        f"{items}</channel></rss>"
    ).encode()


GOOD_FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>'
    b"<item><title>Full item</title><link>https://www.wire.example/full</link>"
    b"<description>Eta Bank said it would cut 500 jobs in Frankfurt. " + b"More. " * 300 + b""
    b"</description></item></channel></rss>"
)


class Server:
    """A local server whose routes the tests set; hits records every path requested."""

    def __init__(self) -> None:
        self.routes: dict[str, object] = {}
        self.hits: list[str] = []
        self.stop = threading.Event()
        self.base = ""
        self.port = 0


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            state.hits.append(self.path)
            route = state.routes.get(self.path)
            try:
                if route == "trickle":
                    self._trickle()
                elif isinstance(route, tuple):  # a redirect
                    self.send_response(route[0])
                    self.send_header("Location", route[1])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif isinstance(route, bytes):
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(route)))
                    self.end_headers()
                    self.wfile.write(route)
                else:
                    self.send_error(404)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _trickle(self) -> None:
            """Response headers one byte every half second (for at most ~10 s)."""
            head = (
                b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n" + b"X-Pad: " + (b"z" * 60)
            )
            for byte in head[:20]:
                if self.stop.is_set():
                    return
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                self.stop.wait(0.5)

        @property
        def stop(self) -> threading.Event:
            return state.stop

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    state.base = f"http://127.0.0.1:{state.port}"
    state.routes["/good.xml"] = GOOD_FEED
    state.routes["/admin"] = PAGE.encode()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    state.stop.set()
    httpd.shutdown()
    httpd.server_close()


# 3. A total deadline ------------------------------------------------------------------------


def test_feed_trickling_its_headers_fails_within_the_total_deadline(server):
    server.routes["/trickle.xml"] = "trickle"
    settings = SourceSettings(feed_timeout_seconds=TIMEOUT)
    started = time.monotonic()
    batch = read_sources([f"{server.base}/trickle.xml", f"{server.base}/good.xml"], settings)
    assert time.monotonic() - started < TIMEOUT + 2
    assert batch.articles["title"].to_list() == ["Full item"]
    assert batch.rejects["source"].to_list() == [f"{server.base}/trickle.xml"]
    assert batch.rejects["reason"][0].startswith(f"feed URL failed: timed out after {TIMEOUT:g} s")


def test_followed_link_trickling_its_headers_fails_within_the_total_deadline(server):
    server.routes["/trickle-page"] = "trickle"
    server.routes["/feed.xml"] = rss(f"{server.base}/trickle-page")
    settings = SourceSettings(feed_timeout_seconds=TIMEOUT, allow_private_addresses=True)
    started = time.monotonic()
    batch = read_sources([f"{server.base}/feed.xml"], settings)
    # Two fetches (the feed, then the page), each within its own deadline.
    assert time.monotonic() - started < TIMEOUT + 2
    assert "/trickle-page" in server.hits
    row = batch.articles.row(0, named=True)
    assert row["text"] == SUMMARY
    assert row["fixes"][0].startswith(
        f"kept the feed summary: article page failed (timed out after {TIMEOUT:g} s"
    )


# 5. SSRF: followed links must lead to public addresses ------------------------------------


def test_links_to_private_addresses_are_not_followed(server, monkeypatch):
    links = [
        f"{server.base}/admin",
        f"http://localhost:{server.port}/admin",
        f"http://[::1]:{server.port}/admin",
        f"http://0.0.0.0:{server.port}/admin",
        "http://10.1.2.3/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://224.0.0.1/admin",
    ]
    server.routes["/feed.xml"] = rss(*links)
    # Feed URLs given explicitly are read even on 127.0.0.1; the links they carry are not.
    monkeypatch.delenv("MOVEWATCH_ALLOW_PRIVATE_LINKS", raising=False)
    settings = SourceSettings(feed_timeout_seconds=10)  # refusing is the default
    batch = read_sources([f"{server.base}/feed.xml"], settings)
    assert server.hits == ["/feed.xml"], "no article page was fetched"
    assert batch.rejects.is_empty()
    assert batch.articles["text"].to_list() == [SUMMARY] * len(links)
    fixes = [row[0] for row in batch.articles["fixes"].to_list()]
    assert all(fix.startswith("kept the feed summary: article link refused") for fix in fixes)
    for fix, label in zip(
        fixes,
        ["loopback", "loopback", "loopback", "unspecified", "private", "link-local", "multicast"],
        strict=True,
    ):
        assert f"a {label} address" in fix


def test_redirects_to_private_addresses_and_other_schemes_are_refused(server, monkeypatch):
    # The first hop is on 127.0.0.1 (deemed public here); where it redirects is checked.
    real = fetching.blocked_address_reason
    monkeypatch.setattr(
        fetching, "blocked_address_reason", lambda a: None if a == "127.0.0.1" else real(a)
    )
    server.routes["/to-metadata"] = (302, "http://169.254.169.254/latest/meta-data/")
    server.routes["/to-file"] = (301, "file:///etc/passwd")
    server.routes["/to-private"] = (307, "http://192.168.1.1/router")
    server.routes["/to-admin"] = (302, "/admin")  # allowed here: proves redirects work
    server.routes["/feed.xml"] = rss(
        *(f"{server.base}{path}" for path in ("/to-metadata", "/to-file", "/to-private"))
    )
    settings = SourceSettings(feed_timeout_seconds=10, allow_private_addresses=False)
    batch = read_sources([f"{server.base}/feed.xml"], settings)
    fixes = [row[0] for row in batch.articles["fixes"].to_list()]
    assert "169.254.169.254 is a link-local address" in fixes[0]
    assert "'file:///etc/passwd' is not an http(s) URL" in fixes[1]
    assert "192.168.1.1 is a private address" in fixes[2]
    assert all(fix.startswith("kept the feed summary: article link refused") for fix in fixes)
    assert batch.articles["text"].to_list() == [SUMMARY] * 3

    followed = fetching.fetch_bytes(
        f"{server.base}/to-admin", settings, max_bytes=100_000, public_only=True
    )
    assert b"SECRET" in followed


def test_a_host_that_rebinds_to_a_private_address_is_refused_before_the_body(server, monkeypatch):
    async def public_answer(host: str, port: int) -> list:
        return [(2, 1, 6, "", ("93.184.216.34", port))]  # the lookup says: public

    monkeypatch.setattr(fetching, "_getaddrinfo", public_answer)
    server.routes["/feed.xml"] = rss(f"{server.base}/admin")
    batch = read_sources([f"{server.base}/feed.xml"], SourceSettings(feed_timeout_seconds=10))
    row = batch.articles.row(0, named=True)
    assert row["text"] == SUMMARY
    assert "connected to a non-public address: 127.0.0.1 is a loopback address" in row["fixes"][0]


def test_private_links_are_followed_when_allowed(server, monkeypatch):
    server.routes["/feed.xml"] = rss(f"{server.base}/admin")
    monkeypatch.setenv("MOVEWATCH_ALLOW_PRIVATE_LINKS", "1")
    assert SourceSettings().allow_private_addresses
    batch = read_sources([f"{server.base}/feed.xml"], SourceSettings(feed_timeout_seconds=10))
    assert "SECRET internal page" in batch.articles["text"][0]
    monkeypatch.delenv("MOVEWATCH_ALLOW_PRIVATE_LINKS")
    assert not SourceSettings().allow_private_addresses


@pytest.mark.parametrize(
    ("address", "label"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.0.1", "private"),
        ("fd00::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("224.0.0.251", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),
        ("8.8.8.8", None),
        ("2606:4700::1111", None),
    ],
)
def test_blocked_address_reason(address, label):
    reason = fetching.blocked_address_reason(address)
    if label is None:
        assert reason is None
    else:
        assert reason is not None and f"a {label} address" in reason
