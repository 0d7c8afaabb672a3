"""Field mapping of JSON records, row by row and vectorised."""

import polars as pl

from movewatch.sources.json_records import map_record, map_record_frame

RECORDS = [
    {
        "id": 7,
        "headline": " Acme opens plant ",
        "body": "Acme Corp said it would open a plant.",
        "pubDate": "Mon, 06 Sep 2021 16:45:00 +0000",
        "link": "https://www.example.com/a",
        "source": {"id": "ex", "name": "Example News"},
        "byline": ["Jane Doe", "John Roe"],
    },
    {"title": "Only a title", "text": "", "content": "Fallback content here.", "outlet": "Wire"},
    {"Title": "Upper-case keys", "Article": "Text in Article.", "Published_At": "2021-07-20"},
    {"title": "No text at all", "date": "2021-07-20"},
    {"title": "WIRE STORY", "dateline": "SALVADOR, Feb 26 -", "body": "Showers continued."},
    {"title": "Dateline only", "dateline": "TOKYO, March 2 -", "body": ""},
]


def test_common_field_names_map_to_article_fields():
    first = map_record(RECORDS[0])
    assert first.text == "Acme Corp said it would open a plant."
    assert first.title == "Acme opens plant"
    assert first.published_raw == "Mon, 06 Sep 2021 16:45:00 +0000"
    assert first.url == "https://www.example.com/a"
    assert first.outlet == "Example News"
    assert first.author == "Jane Doe, John Roe"
    assert first.record_id == "7"


def test_empty_text_field_falls_through_to_the_next_name():
    assert map_record(RECORDS[1]).text == "Fallback content here."
    assert map_record(RECORDS[1]).outlet == "Wire"


def test_keys_match_case_insensitively():
    third = map_record(RECORDS[2])
    assert (third.title, third.text, third.published_raw) == (
        "Upper-case keys",
        "Text in Article.",
        "2021-07-20",
    )


def test_record_without_text_maps_to_empty_text():
    assert map_record(RECORDS[3]).text == ""


def test_a_wire_dateline_opens_the_text():
    assert map_record(RECORDS[4]).text == "SALVADOR, Feb 26 - Showers continued."
    assert map_record(RECORDS[5]).text == ""  # a dateline alone is no article


def test_vectorised_mapping_agrees_with_row_mapping():
    frame = pl.DataFrame(RECORDS, infer_schema_length=None)
    mapped = map_record_frame(frame).to_dicts()
    for record, row in zip(RECORDS, mapped, strict=True):
        expected = map_record(record)
        assert row == {
            "text": expected.text,
            "title": expected.title,
            "url": expected.url,
            "outlet": expected.outlet,
            "author": expected.author,
            "published_raw": expected.published_raw,
            "record_id": expected.record_id,
            "problem": expected.problem,
        }
