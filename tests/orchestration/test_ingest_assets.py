"""The ingest asset materialised into a temporary DuckDB file: bad input becomes reject rows
next to every good record, and a feed served on 127.0.0.1 is read, followed and capped."""

import contextlib
import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.defs.ingest.assets import countries, ingest_articles
from orchestration.defs.resources import SourcesResource, WarehouseResource

GOOD_TEXT = (
    "Acme moves staff\nAcme Corp said on Monday it would move 300 jobs from Germany to Poland "
    "over the next two years, citing lower costs.\n"
)
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol4;</title></channel></rss>
"""


def materialize(tmp_path: Path, sources: list[str], **limits: float) -> duckdb.DuckDBPyConnection:
    db = tmp_path / "warehouse.duckdb"
    result = dg.materialize(
        [ingest_articles, countries],
        resources={
            "warehouse": WarehouseResource(database=str(db), lock_wait_seconds=5),
            "sources": SourcesResource(paths=sources, **limits),
        },
    )
    assert result.success
    return duckdb.connect(str(db), read_only=True)


def test_bad_input_is_rejected_with_a_reason_and_good_records_are_kept(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text(GOOD_TEXT)
    (inbox / "empty.txt").write_text("")
    (inbox / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (inbox / "latin1.txt").write_bytes(
        "Caf\xe9 news\nThe caf\xe9 chain closes 40 stores.".encode("latin-1")
    )
    good = {"title": "Beta hires", "text": "Beta Ltd will hire 200 engineers in Dublin."}
    no_text = {"title": "Nothing here", "text": ""}
    (inbox / "dump.jsonl").write_text(
        json.dumps(good)
        + "\n"
        + '{"title": "cut off", "text": "trunc\n'
        + json.dumps(no_text)
        + "\n"
        + json.dumps({**good, "title": "Gamma hires", "text": "Gamma AG hires 50."})
        + "\n"
    )
    (inbox / "nobody.html").write_text("<html><head><title>x</title></head><body></body></html>")
    (inbox / "bomb.xml").write_text(BILLION_LAUGHS)
    (inbox / "huge.txt").write_text("Huge\n" + "word " * 300_000)

    con = materialize(tmp_path, [str(inbox)], max_article_mb=1.0)
    titles = {r[0] for r in con.execute("select title from raw.articles").fetchall()}
    assert {"Acme moves staff", "Beta hires", "Gamma hires", "Café news"} <= titles
    fixes = con.execute("select fixes from raw.articles where title = 'Café news'").fetchall()
    assert fixes[0][0], "the decoding fallback is recorded"
    rejects = {
        Path(source).name: reason
        for source, reason in con.execute("select source, reason from raw.rejects").fetchall()
    }
    for name in ("empty.txt", "binary.txt", "dump.jsonl", "nobody.html", "bomb.xml", "huge.txt"):
        assert name in rejects, f"{name} not rejected"
        assert rejects[name].strip()
    assert (
        con.execute("select count(*) from raw.rejects where source like '%dump.jsonl'").fetchall()[
            0
        ][0]
        == 2
    )
    assert con.execute("select count(*) from raw.countries").fetchall()[0][0] > 200
    con.close()


class FeedHandler(http.server.BaseHTTPRequestHandler):
    """A feed with one summary-only entry whose page is followed; a slow and a huge feed."""

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        port = self.server.server_address[1]
        if self.path == "/feed.xml":
            body = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local News</title>
<item><title>Delta shuts plant</title><link>http://127.0.0.1:{port}/delta.html</link>
<guid>delta-1</guid><pubDate>Tue, 03 Feb 2026 10:00:00 GMT</pubDate>
<description>Delta closes a plant.</description></item></channel></rss>"""
            self._send(body, "application/rss+xml")
        elif self.path == "/delta.html":
            paragraph = (
                "Delta Industries said on Tuesday it would close its plant in Lyon, "
                "France, cutting 450 jobs, as demand for its products fell. "
            )
            self._send(
                f"<html><head><title>Delta shuts plant</title></head><body><article>"
                f"<h1>Delta shuts plant</h1><p>{paragraph * 3}</p><p>{paragraph}</p>"
                f"</article></body></html>",
                "text/html",
            )
        elif self.path == "/slow.xml":
            time.sleep(5)
            self._send("<rss/>", "application/rss+xml")
        elif self.path == "/huge.xml":
            self._send("<rss>" + "x" * 3_000_000 + "</rss>", "application/rss+xml")
        else:
            self.send_error(404)

    def _send(self, body: str, kind: str) -> None:
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(data)


@pytest.fixture
def feed_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_feeds_on_localhost_are_read_followed_and_guarded(tmp_path: Path, feed_server: str) -> None:
    started = time.monotonic()
    con = materialize(
        tmp_path,
        [
            f"{feed_server}/feed.xml",
            f"{feed_server}/slow.xml",
            f"{feed_server}/huge.xml",
            f"{feed_server}/missing.xml",
        ],
        feed_timeout_seconds=2.5,  # well under slow.xml's 5 s, roomy for a cold fetch
        feed_max_mb=1.0,
        allow_private_links=True,  # the test server is on 127.0.0.1
    )
    assert time.monotonic() - started < 30
    text, outlet = con.execute(
        "select text, outlet from raw.articles where title = 'Delta shuts plant'"
    ).fetchall()[0]
    assert "450 jobs" in text, "the summary-only entry's page was followed"
    assert outlet
    rejected = {r[0] for r in con.execute("select source from raw.rejects").fetchall()}
    for path in ("/slow.xml", "/huge.xml", "/missing.xml"):
        assert f"{feed_server}{path}" in rejected
    con.close()


def test_feed_links_to_private_addresses_are_refused_by_default(tmp_path: Path,
                                                                feed_server: str) -> None:
    con = materialize(tmp_path, [f"{feed_server}/feed.xml"], feed_timeout_seconds=2.5)
    text, fixes = con.execute(
        "select text, fixes from raw.articles where title = 'Delta shuts plant'"
    ).fetchall()[0]
    assert "450 jobs" not in text, "a link to 127.0.0.1 was followed"
    assert any("refused" in fix for fix in fixes), fixes
    con.close()
