"""A hostile, sloppy inbox end to end: every bad input becomes a reject with a reason, the good
articles beside it load, the run exits 0, and the next run works too."""

import gzip
import io
import json
import zipfile
from pathlib import Path

import pytest
from pipeline_runs import Warehouse

GOOD = ("Acme Corp to cut 300 jobs in Germany\n"
        "Acme Corp said on Monday it would cut 300 jobs at its plant in Bremen, Germany, "
        "as demand for its machines slowed.")


def _good(n: int) -> str:
    return GOOD.replace("Acme Corp", f"Firm{n} Industries").replace("300", str(300 + n))


@pytest.fixture(scope="module")
def hostile_warehouse(tmp_path_factory: pytest.TempPathFactory, isolated_env: Path) -> Warehouse:
    tmp = tmp_path_factory.mktemp("hostile")
    inbox = tmp / "inbox"
    inbox.mkdir()
    outside = tmp / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret\nThis file lives outside the inbox.")
    (inbox / "good.txt").write_text(_good(1))
    # 1. A 5 MB single paragraph (under the 10 MB cap).
    (inbox / "huge.txt").write_text("Huge\n" + "lorem ipsum dolor sit amet " * 190_000)
    # 2. A symlink pointing outside the source folder.
    (inbox / "escape.txt").symlink_to(outside / "secret.txt")
    # 4. Deeply nested JSON, as a .json file and as a line among good .jsonl lines.
    deep = "[" * 100_000 + "]" * 100_000
    (inbox / "deep.json").write_text(deep)
    good_line = json.dumps({"title": "Good line", "text": _good(2)})
    # 6. Records whose text is not a string.
    odd = [json.dumps({"title": "n", "text": 42}), json.dumps({"title": "o", "text": {"a": 1}}),
           json.dumps({"title": "b", "text": True}), json.dumps({"title": "l", "text": ["x"]})]
    (inbox / "mixed.jsonl").write_text("\n".join([good_line, deep, *odd]) + "\n")
    # 9. Compressed sources, NUL bytes beyond the first 8 KB, a navigation-only page.
    (inbox / "dump.jsonl.gz").write_bytes(
        gzip.compress((json.dumps({"title": "Gz", "text": _good(3)}) + "\n").encode()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("zipped/story.txt", _good(4))
    (inbox / "bundle.zip").write_bytes(buffer.getvalue())
    (inbox / "nul.txt").write_text(_good(5) + " More words." * 1000 + "\x00 tail.")
    links = "".join(f'<li><a href="/s{n}">Section {n}</a></li>' for n in range(40))
    (inbox / "nav.html").write_text(
        f"<html><head><title>Home</title></head><body><nav><ul>{links}</ul></nav>"
        "<footer>Copyright 2024</footer></body></html>")
    warehouse = Warehouse(db=tmp / "warehouse.duckdb", inbox=inbox, reports=tmp / "reports")
    assert warehouse.run() == 0, warehouse.outputs
    return warehouse


def _rejects(warehouse: Warehouse) -> dict[str, list[str]]:
    rows = warehouse.query("select source, reason from raw.rejects")
    out: dict[str, list[str]] = {}
    for source, reason in rows:
        out.setdefault(Path(source.split("!")[0]).name, []).append(reason)
    return out


def test_good_articles_load_beside_the_bad_ones(hostile_warehouse: Warehouse) -> None:
    titles = {t for (t,) in hostile_warehouse.query("select title from raw.articles")}
    assert {"Firm1 Industries to cut 301 jobs in Germany", "Good line", "Gz", "Huge"} <= titles
    texts = " ".join(t for (t,) in hostile_warehouse.query("select text from raw.articles"))
    assert "Firm4 Industries" in texts and "Firm5 Industries" in texts  # zip member, NUL file
    assert "outside the inbox" not in texts
    assert hostile_warehouse.scalar(
        "select count(*) from raw.articles where text like '%' || chr(0) || '%'") == 0


def test_each_bad_input_is_a_reject_with_a_reason(hostile_warehouse: Warehouse) -> None:
    rejects = _rejects(hostile_warehouse)
    assert any("outside" in r for r in rejects["escape.txt"])
    assert any("nested" in r.lower() for r in rejects["deep.json"])
    mixed = rejects["mixed.jsonl"]
    assert any("nested" in r.lower() for r in mixed)
    assert sum("not a string" in r for r in mixed) == 4
    assert rejects["nav.html"]


def test_long_and_dirty_texts_are_bounded_and_recorded(hostile_warehouse: Warehouse) -> None:
    fixes = dict(hostile_warehouse.query(
        "select title, fixes from raw.articles where len(fixes) > 0"))
    assert any("capped" in f for f in fixes["Huge"])
    assert hostile_warehouse.scalar(
        "select max(length(text)) from raw.articles") <= 1_000_000
    assert hostile_warehouse.scalar("select count(*) from raw.extractions") > 0
    assert hostile_warehouse.scalar(
        "select count(*) from raw.company_moves where company like 'Firm%'") >= 3


def test_the_next_run_works_and_changes_nothing(hostile_warehouse: Warehouse) -> None:
    before = hostile_warehouse.query("select count(*) from raw.articles")
    assert hostile_warehouse.run() == 0, hostile_warehouse.outputs[-1]
    assert hostile_warehouse.query("select count(*) from raw.articles") == before
