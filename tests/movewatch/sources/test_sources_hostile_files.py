"""Hostile files: each bad file or record becomes a reject, the good input beside it loads.

Symlinks out of the folder and symlinked folder cycles, JSON nested too deeply, text fields
that are not strings, gzip and zip archives (bombs, nesting, encryption), unsupported file
types and HTML pages that are only navigation.
"""

import gzip
import io
import json
import os
import zipfile
from pathlib import Path

import polars as pl
import pytest

from movewatch.sources import SourceSettings, read_sources
from movewatch.sources.json_records import map_record, map_record_frame

ARTICLE_TEXT = "Good title\n\nGamma Industries said it would build a battery plant in Poland.\n"
DEEP = b"[" * 100_000 + b"]" * 100_000


def reasons(batch) -> dict[str, str]:
    """Reject reasons keyed by file name (archive members keep their `!member`)#position."""
    rows = batch.rejects.select("source", "position", "reason").rows()
    named = {}
    for source, position, reason in rows:
        path, bang, member = source.partition("!")
        named[f"{Path(path).name}{bang}{member}#{position}"] = reason
    return named


def jsonl(*records: object) -> bytes:
    return b"".join(json.dumps(record).encode() + b"\n" for record in records)


# 1. Symlinks ------------------------------------------------------------------------------


def test_symlinks_out_of_the_folder_are_rejected_and_cycles_end(tmp_path):
    inbox, outside = tmp_path / "inbox", tmp_path / "elsewhere"
    (inbox / "sub").mkdir(parents=True)
    outside.mkdir()
    (inbox / "good.txt").write_text(ARTICLE_TEXT)
    (inbox / "sub" / "inner.txt").write_text("Inner\n\nInner body.\n")
    (outside / "secret.txt").write_text("Secret\n\nNot for ingestion.\n")
    (inbox / "leak.txt").symlink_to(outside / "secret.txt")
    (inbox / "passwd.txt").symlink_to("/etc/passwd")
    (inbox / "outdir").symlink_to(outside, target_is_directory=True)
    (inbox / "sub" / "up").symlink_to(inbox, target_is_directory=True)  # a cycle
    (inbox / "loop").symlink_to(inbox / "loop")  # points at itself
    (inbox / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (inbox / "alias.txt").symlink_to(inbox / "good.txt")  # inside: read once

    batch = read_sources([inbox])

    assert sorted(batch.articles["title"].to_list()) == ["Good title", "Inner"]
    got = reasons(batch)
    for name in ("leak.txt#", "passwd.txt#", "outdir#"):
        assert got[name].startswith("symlink points outside the source folder"), name
    assert got["loop#"].startswith("broken symlink or symlink loop")
    assert got["dangling.txt#"].startswith("broken symlink or symlink loop")
    assert len(got) == 5
    assert not batch.articles.filter(pl.col("text").str.contains("Not for ingestion")).height


# 2. JSON nested too deeply -----------------------------------------------------------------


def test_json_nested_too_deeply_is_rejected_and_good_lines_load(tmp_path):
    (tmp_path / "deep.json").write_bytes(DEEP)
    (tmp_path / "lines.jsonl").write_bytes(
        jsonl({"id": "a", "text": "First story."})
        + DEEP
        + b"\n"
        + b'{"id": "c", "text": '
        + DEEP
        + b"}\n"
        + jsonl({"id": "d", "text": "Last story."})
    )
    (tmp_path / "good.txt").write_text(ARTICLE_TEXT)

    batch = read_sources([tmp_path])

    assert sorted(batch.articles["position"].to_list()) == ["", "a", "d"]
    assert reasons(batch) == {
        "deep.json#": "JSON nested too deeply",
        "lines.jsonl#2": "JSON nested too deeply",
        "lines.jsonl#3": "JSON nested too deeply",
    }


# 4. Text fields that are not strings --------------------------------------------------------

BAD_TEXT_RECORDS = [
    {"id": "num", "text": 42},
    {"id": "obj", "body": {"html": "<p>x</p>"}},
    {"id": "bool", "content": True},
    {"id": "list", "text": ["First paragraph.", "Second paragraph."]},
]
EXPECTED_BAD_TEXT = {
    "num": "text is not a string (number)",
    "obj": "text is not a string (object)",
    "bool": "text is not a string (boolean)",
    "list": "text is not a string (list)",
}
ODD_FIELDS = {
    "id": "odd",
    "title": 123,
    "text": "Delta Corp will move its head office to Dublin.",
    "url": {"href": "https://x.example/a"},
    "source": [1, 2],
    "byline": False,
}


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_non_string_text_is_rejected_and_other_odd_fields_ignored(tmp_path, suffix):
    good = {"id": "good", "title": "Good", "text": "Acme Corp opened a plant in Ohio."}
    records = [good, *BAD_TEXT_RECORDS, ODD_FIELDS]
    path = tmp_path / f"records{suffix}"
    if suffix == ".jsonl":
        path.write_bytes(jsonl(*records))
    else:
        path.write_text(json.dumps(records))

    batch = read_sources([path])

    rows = {row["position"]: row for row in batch.articles.to_dicts()}
    assert set(rows) == {"good", "odd"}
    odd = rows["odd"]
    assert (odd["title"], odd["url"], odd["outlet"], odd["author"]) == (None, None, None, None)
    assert odd["text"] == ODD_FIELDS["text"]
    assert reasons(batch) == {f"{path.name}#{k}": v for k, v in EXPECTED_BAD_TEXT.items()}


@pytest.mark.parametrize(
    ("value", "reason"),
    [(7, "number"), ({"a": "b"}, "object"), (False, "boolean"), (["a", "b"], "list")],
)
def test_typed_jsonl_text_columns_are_rejected_on_the_fast_path(tmp_path, value, reason):
    # Every record's text has the same non-string type: polars types the column, no strings.
    path = tmp_path / "typed.jsonl"
    path.write_bytes(jsonl({"id": "1", "text": value}, {"id": "2", "text": value}))
    batch = read_sources([path])
    assert batch.articles.is_empty()
    assert reasons(batch) == {
        "typed.jsonl#1": f"text is not a string ({reason})",
        "typed.jsonl#2": f"text is not a string ({reason})",
    }


def test_map_record_and_map_record_frame_refuse_non_string_text():
    records = [
        {"text": 5, "title": "Five"},
        {"text": 6, "title": "Six"},
    ]
    assert map_record(records[0]).problem == "text is not a string (number)"
    assert map_record(records[0]).text == ""
    frame = map_record_frame(pl.DataFrame(records))
    assert frame["problem"].to_list() == ["text is not a string (number)"] * 2
    assert frame["text"].to_list() == ["", ""]
    numeric_titles = map_record_frame(pl.DataFrame([{"text": "x", "title": 1}]))
    assert numeric_titles["title"].to_list() == [None]
    assert map_record({"text": "x", "title": 1, "url": ["u"], "source": 3}).title is None
    assert map_record({"text": "x", "url": ["u"]}).url is None
    assert map_record({"text": "x", "source": 3}).outlet is None


# 6. gzip, zip and unsupported file types ----------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _mark_encrypted(data: bytes) -> bytes:
    """Set the 'encrypted' flag bit on every local and central header of a zip."""
    out = bytearray(data)
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (at := out.find(signature, start)) >= 0:
            out[at + flag_offset] |= 0x01
            start = at + 4
    return bytes(out)


def test_gzip_files_are_read_as_their_inner_type(tmp_path):
    (tmp_path / "wire.jsonl.gz").write_bytes(
        gzip.compress(jsonl({"id": "g1", "text": "One."}, {"id": "g2", "text": "Two."}))
    )
    (tmp_path / "doc.json.gz").write_bytes(gzip.compress(b'{"id": "j1", "text": "Three."}'))
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(ARTICLE_TEXT.encode()))
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"Bomb\n\n" + b"x" * 5_000_000))
    (tmp_path / "broken.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00not really gzip")
    (tmp_path / "table.csv.gz").write_bytes(gzip.compress(b"a,b\n1,2\n"))

    batch = read_sources([tmp_path], SourceSettings(max_article_bytes=1_000_000))

    assert sorted(batch.articles["position"].to_list()) == ["", "g1", "g2", "j1"]
    story = batch.articles.filter(pl.col("title") == "Good title").row(0, named=True)
    assert story["source"].endswith("story.txt.gz")
    assert story["source_kind"] == "text"
    got = reasons(batch)
    assert got["bomb.txt.gz#"].startswith("too large: decompresses to over the cap")
    assert got["broken.jsonl.gz#"].startswith("corrupt gzip file")
    assert got["table.csv.gz#"].startswith("unsupported file type: .csv")
    assert len(got) == 3


def test_zip_members_are_read_and_bad_members_rejected(tmp_path):
    members = {
        "2024/one.txt": ARTICLE_TEXT.encode(),
        "2024/wire.jsonl": jsonl({"id": "z1", "text": "Zipped one."}, {"id": "z2", "text": 5}),
        "2024/huge.txt": b"Huge\n\n" + b"y" * 50_000,
        "photo.png": b"\x89PNG\r\n\x1a\n\x00\x00",
        "inner.zip": _zip({"a.txt": b"A\n\nInner archive.\n"}),
        "more.jsonl.gz": gzip.compress(jsonl({"text": "Nested gzip."})),
        "README.md": b"# About this dump\n\nDocs.\n",
        "__MACOSX/2024/._one.txt": b"\x00\x05\x16\x07",
        ".hidden.txt": b"Hidden\n\nNot read.\n",
    }
    (tmp_path / "dump.zip").write_bytes(_zip(members))
    (tmp_path / "locked.zip").write_bytes(_mark_encrypted(_zip({"secret.txt": b"S\n\nS.\n"})))
    (tmp_path / "fake.zip").write_bytes(b"this is not a zip archive")

    batch = read_sources([tmp_path], SourceSettings(max_article_bytes=10_000))

    rows = {row["position"]: row for row in batch.articles.to_dicts()}
    assert set(rows) == {"", "z1"}
    assert rows[""]["source"].endswith("dump.zip!2024/one.txt")
    assert rows[""]["source_key"] == f"{tmp_path.name}/dump.zip!2024/one.txt#"
    assert rows["z1"]["source"].endswith("dump.zip!2024/wire.jsonl")
    got = reasons(batch)
    assert got["dump.zip!2024/wire.jsonl#z2"] == "text is not a string (number)"
    assert got["dump.zip!2024/huge.txt#"].startswith("too large")
    assert got["dump.zip!photo.png#"].startswith("unsupported file type: .png")
    assert got["dump.zip!inner.zip#"].startswith("nested archive")
    assert got["dump.zip!more.jsonl.gz#"].startswith("nested archive")
    assert got["locked.zip!secret.txt#"] == "encrypted archive member not read"
    assert got["fake.zip#"].startswith("corrupt zip archive")
    assert len(got) == 7


def test_zip_total_uncompressed_size_is_capped(tmp_path):
    story = b"Story\n\n" + b"word " * 400  # about 2 kB each
    (tmp_path / "many.zip").write_bytes(_zip({f"{n}.txt": story for n in range(5)}))
    batch = read_sources([tmp_path], SourceSettings(max_file_bytes=5_000))
    assert batch.articles.height == 2
    got = reasons(batch)
    assert len(got) == 3
    assert all("uncompressed bytes in total" in reason for reason in got.values())


def test_unsupported_files_are_rejected_and_documentation_skipped(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE_TEXT)
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7\n")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "memo.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "Makefile").write_text("all:\n")
    (tmp_path / "README.md").write_text("# Docs\n\nAbout.\n")
    (tmp_path / "LICENSE").write_text("MIT\n")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    os.mkfifo(tmp_path / "pipe.txt")

    batch = read_sources([tmp_path])

    assert batch.articles["title"].to_list() == ["Good title"]
    assert reasons(batch) == {
        "scan.pdf#": "unsupported file type: .pdf",
        "photo.png#": "unsupported file type: .png",
        "memo.docx#": "unsupported file type: .docx",
        "Makefile#": "unsupported file type: no suffix",
        "pipe.txt#": "not a regular file",
    }


# 7. Navigation-only HTML --------------------------------------------------------------------

NAV_ONLY_HTML = (
    "<!DOCTYPE html><html><head><title>Daily Bugle - Business</title></head><body>"
    "<header><h1>Daily Bugle</h1><p>Business news you can trust</p></header><nav><ul>"
    + "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(12))
    + "</ul></nav><main><h2>Latest stories</h2><ul>"
    + "".join(
        f'<li><a href="/story/{i}">Acme Corp to close its plant number {i} in the '
        f"north of England next year</a></li>"
        for i in range(25)
    )
    + "</ul></main><footer><p>Copyright 2024 Daily Bugle</p>"
    '<a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer></body></html>'
)


ARTICLE_HTML = (
    "<html><head><title>Gamma to build battery plant</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
    "<h1>Gamma to build battery plant</h1>"
    "<p>Gamma Industries said on Tuesday that it would build a battery plant in Poland, "
    "creating about 1,200 jobs over the next three years.</p>"
    "<p>The company said the factory near Wroclaw would supply carmakers across Europe and "
    "that production would start in 2023 if the permits arrive on time.</p>"
    "</article><footer>Copyright Daily Bugle</footer></body></html>"
)


def test_navigation_only_html_is_rejected(tmp_path):
    (tmp_path / "section.html").write_text(NAV_ONLY_HTML)
    (tmp_path / "page.html").write_text(ARTICLE_HTML)
    batch = read_sources([tmp_path])
    assert batch.articles["title"].to_list() == ["Gamma to build battery plant"]
    assert reasons(batch)["section.html#"].startswith("HTML with no article prose")
