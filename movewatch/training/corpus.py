"""The shared corpora as (doc_id, text) pairs, and the stratified selection of articles to label.

doc_ids follow ../shared/gold/GUIDELINES.md: ``reuters/<id>``, ``bbc/<category>/<NNN>``, and
``web/<name>`` for a saved page of ``newspaper_testpages`` (its expected text).
Documents reserved for evaluation, the dev set and the seeds are never selected.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from movewatch.extraction.evaluation import read_corpus_text, reuters_text


def _compiled(patterns: dict[str, str]) -> dict[str, re.Pattern[str]]:
    return {name: re.compile(pattern, re.IGNORECASE) for name, pattern in patterns.items()}


# Keyword strata used only to *sample* articles likely to hold rare fact types; labellers never
# see which stratum an article came from, nor any extractor output.
STRATA = _compiled({
    "relocation": r"\b(relocat\w*|offshor\w*|outsourc\w*"
    r"|(move|moving|moved|shift\w*|transfer\w*) (its |their )?(headquarters|head office"
    r"|production|operations|manufacturing|jobs|staff|work|plant))",
    "hiring": r"\b(hire[sd]?|hiring|recruit\w*|(creat|add)\w* [\d,]+ (new )?jobs|new jobs)\b",
    "market_exit": r"\b(withdr[ae]w\w* from|pull\w* out of|exit\w* (the|its)|ceas\w* operations"
    r"|suspend\w* (its )?operations|leav\w* the \w+ market)",
    "export_control": r"\b(export (controls?|licen[cs]es?|bans?|restrictions?)|cocom"
    r"|ban\w* (the )?exports?|technology transfer)",
    "investment_restriction": r"\b(foreign (investment|takeovers?|ownership|buyers?)"
    r"|national security|cfius|investment canada|foreign investment review|block\w* the "
    r"(takeover|acquisition|bid|purchase))",
    "antitrust": r"\b(antitrust|anti-trust|monopolies and mergers|competition (commission"
    r"|authorit\w*|watchdog|regulator)|federal trade commission|office of fair trading|cartel"
    r"|abuse of (a |its )?dominant)",
    "sanction": r"\b(sanctions?|embargo\w*|blacklist\w*|asset freeze)\b",
    "layoff": r"\b(lay-?offs?|laid off|lay off|job cuts?|cut\w* [\d,]+ jobs|redundanc\w*"
    r"|shed\w* [\d,]+)",
    "facility": r"\b(open\w*|clos\w*|shut\w*|build\w*) (a |an |the |its |new )*(plant|factory"
    r"|office|store|mine|mill|centre|center|refinery)",
    "acquisition": r"\b(acquir\w*|takeover|take over|buy\w* (a |the )?\w+ stake|merger)\b",
    "divestment": r"\b(divest\w*|sell\w* (its|the) \w+ (unit|division|subsidiary|stake)"
    r"|spin\w* off|put up for sale)",
    "investment": r"\binvest\w* [^.]{0,40}\b(plant|facility|factory|project"
    r"|in (the )?[A-Z]\w+)",
    "import_restriction": r"\b(tariffs?|anti-dumping|import (duty|duties|quotas?|bans?)"
    r"|quotas?)\b",
    "subsidy": r"\b(subsid(y|ies|is\w*)|state aid|tax breaks?|grants? to)\b",
    "regulation": r"\b(regulat\w*|legislation|new law|new rules?|licen[cs]e)\b",
})


@dataclass(frozen=True)
class CorpusDocument:
    """One article of the shared corpora."""

    doc_id: str
    source: str  # reuters | bbc | web
    text: str

    @property
    def group(self) -> str:
        """The sampling group: the source, or for BBC its category ("bbc/business")."""
        return self.doc_id.rsplit("/", 1)[0] if self.source == "bbc" else self.source


def corpus_documents(shared_root: Path) -> Iterator[CorpusDocument]:
    """Every article of the shared corpora with a non-empty text."""
    corpora = shared_root / "corpora"
    with open(corpora / "reuters21578" / "reuters21578.jsonl", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if (record.get("body") or "").strip():
                yield CorpusDocument(f"reuters/{record['id']}", "reuters", reuters_text(record))
    for path in sorted((corpora / "bbc").glob("*/*.txt")):
        text = read_corpus_text(path)
        if text.strip():
            yield CorpusDocument(f"bbc/{path.parent.name}/{path.stem}", "bbc", text)
    for path in sorted((corpora / "newspaper_testpages" / "text").glob("*.txt")):
        text = read_corpus_text(path)
        if text.strip():
            yield CorpusDocument(f"web/{path.stem}", "web", text)


def excluded_doc_ids(shared_root: Path) -> set[str]:
    """Reserved (evaluation), dev and seed documents: never labelled for training."""
    gold = shared_root / "gold"
    excluded = {
        line.strip()
        for line in (gold / "reserved.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for name in ("dev.jsonl", "seeds.jsonl"):
        with open(gold / name, encoding="utf-8") as fh:
            excluded.update(json.loads(line)["doc_id"] for line in fh if line.strip())
    return excluded


def strata_of(text: str) -> list[str]:
    """Names of the keyword strata whose pattern occurs in a text."""
    return [name for name, pattern in STRATA.items() if pattern.search(text)]


def select_for_labelling(documents: list[CorpusDocument], excluded: set[str], *,
                         quotas: dict[str, int], per_stratum: int, stratified_share: float,
                         seed: int
                         ) -> list[CorpusDocument]:
    """A reproducible, stratified sample of documents to label.

    For each group (see ``CorpusDocument.group``), documents of every keyword stratum in turn
    (at most ``per_stratum`` each, so rare fact types are sampled for) until
    ``stratified_share`` of the group's quota, then random documents up to the quota, so that
    a good part of the sample is expected to hold no fact.
    """
    rng = random.Random(seed)
    chosen: list[CorpusDocument] = []
    for group, quota in quotas.items():
        pool = [d for d in documents if d.group == group and d.doc_id not in excluded]
        rng.shuffle(pool)
        picked: dict[str, CorpusDocument] = {}
        by_stratum: dict[str, list[CorpusDocument]] = {name: [] for name in STRATA}
        for doc in pool:
            for name in strata_of(doc.text):
                by_stratum[name].append(doc)
        stratum_share = int(quota * stratified_share)
        # Round robin over the strata, so that each gets its share before common ones fill up.
        queues = {name: iter(docs) for name, docs in by_stratum.items()}
        taken = dict.fromkeys(STRATA, 0)
        while queues and len(picked) < stratum_share:
            for name in list(queues):
                doc = next((d for d in queues[name] if d.doc_id not in picked), None)
                if doc is None or taken[name] >= per_stratum:
                    del queues[name]
                    continue
                picked[doc.doc_id] = doc
                taken[name] += 1
                if len(picked) >= stratum_share:
                    break
        for doc in pool:
            if len(picked) >= quota:
                break
            picked.setdefault(doc.doc_id, doc)
        chosen.extend(picked.values())
    return chosen


# Fact types the first selection found too few certain examples of (see data/training/STATS.md).
RARE_STRATA = ("relocation", "market_exit", "hiring", "export_control", "sanction", "antitrust",
               "investment_restriction", "layoff")


def select_supplement(documents: list[CorpusDocument], excluded: set[str],
                      already: set[str], strata: dict[str, re.Pattern[str]] | None = None
                      ) -> list[CorpusDocument]:
    """Every document not yet selected (nor excluded) that matches one of ``strata`` (by
    default the rare types' keyword strata)."""
    patterns = list((strata or {n: STRATA[n] for n in RARE_STRATA}).values())
    return [d for d in documents
            if d.doc_id not in excluded and d.doc_id not in already
            and any(p.search(d.text) for p in patterns)]


# Second supplement (batches T): the rare types still had fewer than 40 certain examples after
# the first one, and every document of their strata above was labelled. Broader patterns for
# them, and what the shipped model predicted on the unlabelled documents, choose more. Labellers
# see neither.
BROAD_STRATA = _compiled({
    "facility_closure": r"\b(clos\w*|shut\w*)( down)? (\w+ ){0,3}(plants?|factor(y|ies)"
    r"|mills?|mines?|refiner\w*|smelters?|stores|branches|offices|operations|facilit\w*)\b"
    r"|\bclosure of\b",
    "hiring": r"\b(employ|take on|add|adding|added|create|creating|created) (up to |about "
    r"|some |another )?[\d,]+ (more |new |additional )?(workers|employees|staff|people"
    r"|jobs)\b|\bworkforce (to|will) (grow|rise|increase)",
    "relocation": r"\b(mov\w*|shift\w*|transfer\w*) (\w+ ){0,3}(headquarters|head office"
    r"|production|operations|manufacturing|jobs|staff|employees|plant) (\w+ ){0,3}to\b",
    "market_exit": r"\b(quit\w*|leav\w*|abandon\w*|withdraw\w*|exit\w*) (the )?(\w+ ){0,2}"
    r"(market|business)\b|\bpull\w* out\b",
    "export_control": r"\b(strategic (goods|exports)|high[- ]technology exports|export\w* "
    r"(of )?(sensitive|strategic|military)|commerce department .{0,40}export|toshiba machine"
    r"|export (curbs?|violations?))",
    "antitrust": r"\b(justice department|monopol\w*|merger (review|control|inquiry)"
    r"|hart-scott|competition (law|rules|policy|probe|inquiry)|referred to the"
    r"|clearance for the (merger|takeover|bid))",
    "sanction": r"\b(punitive|retaliat\w*|boycott\w*)\b",
    "investment_restriction": r"\b(limit\w* on foreign|foreign (stake|shareholding"
    r"|holdings?)|takeover panel|reject\w* the (takeover|bid|acquisition)|foreign (control"
    r"|acquisitions?))",
    "layoff": r"\b(cut\w* (\w+ ){0,2}(workforce|staff|jobs|employees)|eliminat\w* [\d,]+"
    r"|dismiss\w* [\d,]+|furlough\w*)",
})

# Types with fewer than ~60 certain examples after the first supplement.
SCARCE_TYPES = ("hiring", "market_exit", "relocation", "antitrust", "export_control",
                "facility_closure", "investment_restriction", "sanction", "investment",
                "facility_opening", "layoff", "subsidy")


def select_second_supplement(documents: list[CorpusDocument], excluded: set[str],
                             already: set[str], predicted: dict[str, set[str]], *,
                             per_type: int, seed: int) -> list[CorpusDocument]:
    """Up to ``per_type`` unlabelled documents per scarce type, round robin from the rarest:
    those matching the type's broad stratum or where the model predicted the type
    (``predicted``: doc_id -> predicted fact types)."""
    rng = random.Random(seed)
    pool = [d for d in documents if d.doc_id not in excluded and d.doc_id not in already]
    rng.shuffle(pool)
    candidates: dict[str, list[CorpusDocument]] = {name: [] for name in SCARCE_TYPES}
    for doc in pool:
        for name in SCARCE_TYPES:
            pattern = BROAD_STRATA.get(name)
            if name in predicted.get(doc.doc_id, ()) or (pattern and pattern.search(doc.text)):
                candidates[name].append(doc)
    picked: dict[str, CorpusDocument] = {}
    for _ in range(per_type):
        for name in SCARCE_TYPES:
            doc = next((d for d in candidates[name] if d.doc_id not in picked), None)
            if doc is not None:
                picked[doc.doc_id] = doc
    return list(picked.values())
