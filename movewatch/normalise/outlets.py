"""Outlet names: the record's own source field, else the URL's host without www."""

from __future__ import annotations

import polars as pl

_URL_HOST = r"^[A-Za-z][A-Za-z0-9+.\-]*://(?:[^@/?#]*@)?([^:/?#]+)"


def url_host_expr(url: pl.Expr) -> pl.Expr:
    """Lower-cased host of a URL without a leading www./m. (www.cnbc.com → cnbc.com)."""
    host = url.str.extract(_URL_HOST, 1).str.to_lowercase().str.strip_chars(".")
    host = host.str.replace(r"^(?:www\d*|m|amp)\.", "")
    return pl.when(host.str.contains(r"\.")).then(host)


def outlet_expr(outlet: pl.Expr, url: pl.Expr) -> pl.Expr:
    """The outlet as read (a source/site field, or a feed's title when the entry had no link),
    else the URL's host."""
    named = outlet.str.strip_chars().str.replace_all(r"\s+", " ")
    return pl.coalesce(pl.when(named != "").then(named), url_host_expr(url))
