"""Feed URLs against a server on 127.0.0.1 started by the test: good, summary-only (links
followed), hanging, too large and missing feeds."""

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import polars as pl
import pytest

from movewatch.sources import SourceSettings, read_sources

PARAGRAPHS = "".join(
    f"<p>Paragraph {i}: Zeta Motors said it would close its plant in Leeds and move "
    f"production of its small cars to Slovakia, affecting about {i}00 workers.</p>"
    for i in range(1, 8)
)
ARTICLE_PAGE = (
    "<html><head><title>Zeta closes Leeds plant</title></head><body><article>"
    f"<h1>Zeta closes Leeds plant</h1>{PARAGRAPHS}</article></body></html>"
)


def rss(items: str) -> str:
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Local Wire</title>{items}</channel></rss>"
    )


class FeedServer:
    """Routes of the local test server; `requests` records user agents per path."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.user_agents: dict[str, str] = {}
        self.base = ""

    def feed(self, path: str) -> str:
        if path == "/good.xml":
            return rss(
                "<item><title>Full item</title><link>https://www.wire.example/full</link>"
                "<guid>full-1</guid><content:encoded><![CDATA[<p>Eta Bank said it would cut "
                "500 jobs in Frankfurt.</p><p>The cuts follow a merger.</p>]]></content:encoded>"
                "</item>"
            )
        if path == "/summary.xml":
            return rss(
                f"<item><title>Zeta closes plant</title><link>{self.base}/article/1</link>"
                "<description>Zeta to close Leeds plant.</description></item>"
                f"<item><title>Gone page</title><link>{self.base}/article/missing</link>"
                "<description>Theta leaves Russia.</description></item>"
            )
        raise KeyError(path)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    routes = FeedServer()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep test output quiet
            pass

        def _send(self, status: int, body: bytes, length: bool = True) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/xml")
            if length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            routes.user_agents[self.path] = self.headers.get("User-Agent", "")
            if self.path == "/hang.xml":
                routes.release.wait(10)
                return
            if self.path == "/big.xml":
                self._send(200, rss("<item><title>x</title></item>" * 20000).encode())
                return
            if self.path == "/big-chunked.xml":
                self.send_response(200)
                self.end_headers()
                for _ in range(200):
                    self.wfile.write(b"<!-- padding -->" * 100)
                return
            if self.path == "/article/1":
                self._send(200, ARTICLE_PAGE.encode())
                return
            try:
                body = routes.feed(self.path).encode()
            except KeyError:
                self._send(404, b"not found")
                return
            self._send(200, body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    routes.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield routes
    routes.release.set()
    httpd.shutdown()
    httpd.server_close()


# A short timeout only where a timeout is the point ("/hang.xml"): elsewhere a busy machine
# (the first fetch also imports the feed and HTML parsers) must not turn a good feed into a reject.
FAST = SourceSettings(feed_timeout_seconds=0.5, feed_max_bytes=50_000)
ROOMY = SourceSettings(feed_timeout_seconds=10, feed_max_bytes=50_000)


def test_good_feed_url(server):
    url = f"{server.base}/good.xml"
    batch = read_sources([url], ROOMY)
    assert batch.rejects.is_empty()
    row = batch.articles.row(0, named=True)
    assert row["source"] == url
    assert row["source_kind"] == "feed"
    assert row["text"] == (
        "Eta Bank said it would cut 500 jobs in Frankfurt.\nThe cuts follow a merger."
    )
    assert server.user_agents["/good.xml"] == ROOMY.user_agent


def test_summary_only_entries_follow_their_links(server):
    settings = SourceSettings(
        feed_timeout_seconds=10, feed_max_bytes=50_000, allow_private_addresses=True
    )
    batch = read_sources([f"{server.base}/summary.xml"], settings)
    rows = {r["title"]: r for r in batch.articles.to_dicts()}
    followed = rows["Zeta closes plant"]
    assert "Paragraph 7: Zeta Motors said" in followed["text"]
    assert followed["fixes"] == [
        "text taken from the article page (the feed entry had only a summary)"
    ]
    fallback = rows["Gone page"]
    assert fallback["text"] == "Theta leaves Russia."
    assert fallback["fixes"][0].startswith("kept the feed summary: article page failed (HTTP 404")
    assert batch.rejects.is_empty()


def test_summary_only_entries_are_not_followed_when_switched_off(server):
    settings = SourceSettings(feed_timeout_seconds=10, follow_article_pages=False)
    batch = read_sources([f"{server.base}/summary.xml"], settings)
    texts = batch.articles["text"].to_list()
    assert texts == ["Zeta to close Leeds plant.", "Theta leaves Russia."]
    assert "/article/1" not in server.user_agents


@pytest.mark.parametrize(
    ("path", "reason_start"),
    [
        ("/hang.xml", "feed URL failed: timed out after 0.5 s"),
        ("/big.xml", "feed URL failed: too large"),
        ("/big-chunked.xml", "feed URL failed: too large"),
        ("/missing.xml", "feed URL failed: HTTP 404"),
    ],
)
def test_failing_feed_urls_are_rejected_and_good_ones_kept(server, path, reason_start):
    started = time.monotonic()
    settings = FAST if path == "/hang.xml" else ROOMY
    batch = read_sources([f"{server.base}{path}", f"{server.base}/good.xml"], settings)
    assert time.monotonic() - started < 5
    assert batch.articles["title"].to_list() == ["Full item"]
    assert batch.rejects["source"].to_list() == [f"{server.base}{path}"]
    assert batch.rejects["reason"][0].startswith(reason_start)


def test_feeds_txt_in_a_folder_lists_feed_urls(server, tmp_path):
    (tmp_path / "feeds.txt").write_text(
        f"# local wires\n{server.base}/good.xml\n\n{server.base}/missing.xml  # gone\n"
    )
    (tmp_path / "a.txt").write_text("A\n\nText.\n")
    batch = read_sources([tmp_path], ROOMY)
    assert sorted(batch.articles["source_kind"].to_list()) == ["feed", "text"]
    assert batch.rejects.filter(pl.col("reason").str.contains("404")).height == 1


def test_feeds_config_setting_is_read(server, tmp_path):
    config = tmp_path / "wires.txt"
    config.write_text(f"{server.base}/good.xml\n")
    settings = SourceSettings(feed_timeout_seconds=10, feeds_config=config)
    batch = read_sources([], settings)
    assert batch.articles["title"].to_list() == ["Full item"]
