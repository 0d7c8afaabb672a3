"""Outlets from source fields or URL hosts; language guesses."""

import polars as pl

from movewatch.normalise.language import detect_languages
from movewatch.normalise.outlets import outlet_expr


def test_outlet_prefers_the_record_then_the_url_host():
    frame = pl.DataFrame(
        {
            "outlet": ["Reuters", None, "  ", None, None],
            "url": [
                "https://www.cnbc.com/x",
                "https://www.cnbc.com/2024/05/17/microsoft.html",
                "http://news.bbc.co.uk/1/hi/business/1.stm",
                "https://m.example.org:8080/path?q=1",
                "not a url",
            ],
        }
    )
    outlets = frame.select(outlet_expr(pl.col("outlet"), pl.col("url"))).to_series().to_list()
    assert outlets == ["Reuters", "cnbc.com", "news.bbc.co.uk", "example.org", None]


def test_languages_are_guessed_from_stop_words_and_scripts():
    texts = pl.Series(
        [
            "The company said that it would move the plant to the north of England.",
            "Die Regierung hat mit der Firma gesprochen, und sie wird nicht nach Berlin ziehen.",
            "Le gouvernement a annoncé des mesures pour les entreprises dans la région.",
            "El gobierno dijo que los precios del petróleo subieron por la crisis y las ventas.",
            "微软公司表示将把部分员工迁往其他国家。",
            "Правительство России объявило о новых санкциях.",
            "SHR 10 CTS VS 5 CTS",
            None,
        ]
    )
    assert detect_languages(texts).to_list() == ["en", "de", "fr", "es", "zh", "ru", None, None]
