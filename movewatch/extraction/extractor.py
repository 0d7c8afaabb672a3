"""Extract company moves, policy actions and their links from articles.

Flow per batch of documents: a polars pre-filter keeps documents with trigger terms; their
paragraphs that pass the sentence pre-filter (and each article's first two, for the title and
the lead) are split into sentences by the cheap spaCy segmenter; the pre-filter runs again over
the sentences; only the surviving sentences (plus each article's lead) go through the full
spaCy pipeline, in batches and optionally in worker processes. Sentence offsets are kept,
so every evidence sentence indexes the original article text.
"""

from __future__ import annotations

import multiprocessing
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, islice

import polars as pl
from spacy.tokens import Doc

from movewatch.companies import company_key, same_company
from movewatch.extraction import lexicon as lx
from movewatch.extraction.countries import dateline_country
from movewatch.extraction.facts import (
    CompanyMove,
    DocumentFacts,
    MovePolicyLink,
    PolicyAction,
)
from movewatch.extraction.learned.candidates import (
    Candidate,
    add_article_features,
    sentence_candidates,
)
from movewatch.extraction.learned.decisions import mentions as learned_mentions
from movewatch.extraction.learned.fact_model import shipped_models
from movewatch.extraction.learned.status_model import shipped_status_model
from movewatch.extraction.merging import (
    best_mention,
    merged_move_status,
    move_company,
    move_groups,
    policy_groups,
)
from movewatch.extraction.model import NER, paragraph_spans, parser, segmenter, sentence_spans
from movewatch.extraction.prefilter import candidate_mask, sentence_mask
from movewatch.extraction.rules import (
    DocContext,
    LinkCue,
    MoveMention,
    PolicyMention,
    SentenceRules,
)

# Reuters-style dateline opening the second line (after the title) or the text itself:
# "FORT LAUDERDALE, Fla., April 9 - ".
_DATELINE = re.compile(
    r"\A(?:[^\n]*\n)?\s*(?P<place>[A-Z][A-Za-z.'&-]*(?:[ ,]+[A-Za-z.'&-]+){0,5}?),?\s+"
    r"(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s+-\s"
)
_UNVERIFIED = re.compile(lx.UNVERIFIED_PATTERN)
_REUTERS_ORG = re.compile(r"<([A-Z][^<>\n]{1,60})>")
_PARSE_BLANKS = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "<": " ", ">": " "})
# Reuters stock tickers after a name, "Piedmont Aviation Inc <PIE>": blanked for the parser so
# they do not become part of the company's name ("<Name Corp>" markup keeps its words).
_TICKER = re.compile(r"<[A-Z0-9][A-Z0-9.&-]{0,11}>")
CHUNK_DOCS = 1000
# Fewer documents than this are not worth starting worker processes for (each loads the model).
POOL_MIN_DOCS = 400
POOL_CHUNK_DOCS = 200


@lru_cache(maxsize=1)
def _rules() -> SentenceRules:
    return SentenceRules(parser())


@dataclass
class _Prepared:
    index: int
    doc_id: str
    text: str
    sentences: list[tuple[int, int]]
    dateline: tuple[int, int] | None
    ctx: DocContext


def extract_documents(
    docs: Iterable[tuple[str, str]],
    *,
    n_process: int = 1,
    batch_size: int = 256,
    progress: Callable[[int], None] | None = None,
) -> Iterator[DocumentFacts]:
    """Facts of each ``(doc_id, text)``, one result per input, in input order.

    A document whose text is empty or not a string yields a result with ``error`` set.
    With ``n_process > 1`` and at least ``POOL_MIN_DOCS`` documents, whole chunks (pre-filter,
    parse and rules) run in worker processes, so only documents and facts cross processes.
    """
    iterator = iter(docs)
    first = list(islice(iterator, max(CHUNK_DOCS, POOL_MIN_DOCS)))
    if n_process <= 1 or len(first) < POOL_MIN_DOCS:
        chunks: Iterator[list] = chain([first], iter(lambda: list(islice(iterator, CHUNK_DOCS)),
                                                     []))
        for chunk in chunks:
            if not chunk:
                return
            yield from _extract_chunk(chunk, batch_size=batch_size)
            if progress is not None:
                progress(len(chunk))
        return
    # Pool chunks are small enough to keep both workers busy until the end.
    first_chunks = [first[i:i + POOL_CHUNK_DOCS] for i in range(0, len(first), POOL_CHUNK_DOCS)]
    rest = iter(lambda: list(islice(iterator, POOL_CHUNK_DOCS)), [])
    # "spawn": polars' thread pool makes forking a process that used it unsafe.
    context = multiprocessing.get_context("spawn")
    with context.Pool(n_process, initializer=_warm_worker) as pool:
        tasks = ((chunk, batch_size) for chunk in chain(first_chunks, rest))
        for results in pool.imap(_extract_chunk_list, tasks):
            yield from results
            if progress is not None:
                progress(len(results))


def _warm_worker() -> None:
    # One BLAS thread per worker: the workers already use every core, and more threads than
    # cores make the networks' small matrix products slower, not faster.
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    _rules()


def _extract_chunk_list(task: tuple[list, int]) -> list[DocumentFacts]:
    chunk, batch_size = task
    return list(_extract_chunk(chunk, batch_size=batch_size))


def _extract_chunk(chunk: list[tuple[str, str]], *, batch_size: int,
                   sink: list | None = None) -> Iterator[DocumentFacts]:
    results: dict[int, DocumentFacts] = {}
    valid: list[tuple[int, str, str]] = []
    for i, item in enumerate(chunk):
        try:
            doc_id, text = item
        except (TypeError, ValueError):
            results[i] = DocumentFacts(doc_id=str(item)[:80], error="input is not (doc_id, text)")
            continue
        doc_id = str(doc_id)
        if not isinstance(text, str):
            results[i] = DocumentFacts(doc_id=doc_id, error="text is not a string")
        elif not text.strip():
            results[i] = DocumentFacts(doc_id=doc_id, error="text is empty")
        else:
            valid.append((i, doc_id, text))
    if valid:
        mask = candidate_mask(pl.Series([t for _, _, t in valid], dtype=pl.String))
        candidates = [v for v, keep in zip(valid, mask.to_list(), strict=True) if keep]
        for i, doc_id, _ in valid:
            results.setdefault(i, DocumentFacts(doc_id=doc_id))
        results.update(_extract_candidates_safely(candidates, batch_size, sink))
    for i in range(len(chunk)):
        yield results[i]


def _extract_candidates_safely(candidates: list[tuple[int, str, str]], batch_size: int,
                               sink: list | None = None) -> dict[int, DocumentFacts]:
    """Facts of the candidates; if the batch fails, each article alone, so one that cannot be
    parsed gets an ``error`` and the others their facts."""
    kept = len(sink) if sink is not None else 0
    try:
        return dict(_extract_candidates(candidates, batch_size, sink))
    except Exception:
        if len(candidates) == 1:
            raise
        if sink is not None:
            del sink[kept:]
    results: dict[int, DocumentFacts] = {}
    for candidate in candidates:
        try:
            results.update(_extract_candidates([candidate], batch_size, sink))
        except Exception as exc:  # one odd article must not stop a batch of thousands
            results[candidate[0]] = DocumentFacts(doc_id=candidate[1],
                                                  error=f"extraction failed: {exc!r}")
    return results


# Every article's first paragraphs are segmented whatever they say: its title and its lead.
LEAD_PARAGRAPHS = 2


def _prepare(candidates: list[tuple[int, str, str]], batch_size: int) -> list[_Prepared]:
    rules = _rules()
    seg = segmenter()
    # Paragraphs no sentence of which can pass the sentence pre-filter (a paragraph that fails
    # it has no sentence that passes) are not even tokenised.
    para_doc, para_span = [], []
    for p_index, (_, _, text) in enumerate(candidates):
        for n, span in enumerate(paragraph_spans(text)):
            para_doc.append((p_index, n < LEAD_PARAGRAPHS))
            para_span.append(span)
    keep = sentence_mask(pl.Series([candidates[d][2][a:b] for (d, _), (a, b)
                                    in zip(para_doc, para_span, strict=True)],
                                   dtype=pl.String)).to_list() if para_doc else []
    selected = [(d, span) for (d, lead), span, ok in zip(para_doc, para_span, keep, strict=True)
                if ok or lead]
    sentences: list[list[tuple[int, int]]] = [[] for _ in candidates]
    places: list[Counter] = [Counter() for _ in candidates]
    texts = (candidates[d][2][a:b] for d, (a, b) in selected)
    for (d, (a, _b)), doc in zip(selected, seg.pipe(texts, batch_size=256), strict=True):
        sentences[d].extend((a + start, a + end) for start, end in sentence_spans(doc))
        places[d].update(code for _, code in rules.place_spans(doc) if code != "EU")
    prepared = []
    for p_index, (index, doc_id, text) in enumerate(candidates):
        dateline = None
        ctx = DocContext()
        match = _DATELINE.match(text)
        if match:
            dateline = (match.start("place"), match.end())
            ctx.dateline_country = dateline_country(match.group("place"))
        counts = places[p_index]
        ctx.home_country = ctx.dateline_country
        if ctx.home_country is None and counts:
            code, n = counts.most_common(1)[0]
            if n >= 2 or len(counts) == 1:
                ctx.home_country = code
        ctx.organisations = [" ".join(m.group(1).split()) for m in _REUTERS_ORG.finditer(text)]
        prepared.append(_Prepared(index, doc_id, text, sentences[p_index], dateline, ctx))
    return prepared


def parse_plan(docs: Iterable[tuple[str, str]]) -> dict[str, list[tuple[int, int]]]:
    """Character spans of each document that the pre-filters send to the full parser.

    Documents the document pre-filter rejects map to an empty list. Used to measure how many
    gold evidence sentences survive the pre-filters ("prefilter recall").
    """
    valid = [(i, str(doc_id), text) for i, (doc_id, text) in enumerate(docs)
             if isinstance(text, str) and text.strip()]
    plan: dict[str, list[tuple[int, int]]] = {doc_id: [] for _, doc_id, _ in valid}
    mask = candidate_mask(pl.Series([t for _, _, t in valid], dtype=pl.String))
    candidates = [v for v, keep in zip(valid, mask.to_list(), strict=True) if keep]
    prepared, per_doc = _plan(candidates)
    for doc_i, spans in per_doc.items():
        plan[prepared[doc_i].doc_id] = [(start, end) for start, end, _ in spans]
    return plan


def _plan(candidates: list[tuple[int, str, str]]
          ) -> tuple[list[_Prepared], dict[int, list[tuple[int, int, bool]]]]:
    """Prepared candidate documents and, per document, the sentences to parse."""
    prepared = _prepare(candidates, 0)
    # Sentence table: the article's title line is skipped; its lead sentence is always kept
    # as context for pronouns ("the company", "it").
    rows_doc, rows_start, rows_end, rows_text, rows_lead = [], [], [], [], []
    for p_index, prep in enumerate(prepared):
        body = prep.sentences
        if len(body) > 1 and _is_title(prep.text[body[0][0]:body[0][1]]):
            body = body[1:]
        for n, (start, end) in enumerate(body):
            rows_doc.append(p_index)
            rows_start.append(start)
            rows_end.append(end)
            rows_text.append(prep.text[start:end])
            rows_lead.append(n == 0)
    frame = pl.DataFrame({"doc": rows_doc, "start": rows_start, "end": rows_end,
                          "text": rows_text, "lead": rows_lead},
                         schema={"doc": pl.Int64, "start": pl.Int64, "end": pl.Int64,
                                 "text": pl.String, "lead": pl.Boolean})
    per_doc: dict[int, list[tuple[int, int, bool]]] = {}
    if not frame.height:
        return prepared, per_doc
    frame = frame.with_columns(candidate=sentence_mask(frame["text"]))
    # The lead sentence is parsed only for articles that have a candidate sentence.
    frame = frame.with_columns(
        has_candidate=pl.col("candidate").any().over("doc")
    ).filter(pl.col("candidate") | (pl.col("lead") & pl.col("has_candidate")))
    for doc_i, start, end, cand in frame.select("doc", "start", "end", "candidate").iter_rows():
        per_doc.setdefault(doc_i, []).append((start, end, cand))
    return prepared, per_doc


def article_candidates(docs: Iterable[tuple[str, str]], *, batch_size: int = 256
                       ) -> Iterator[tuple[str, list[Candidate], str | None]]:
    """``(doc_id, candidates, error)`` of each document (for training the fact model): the
    same pre-filters, parse and rules as ``extract_documents``. A document the pre-filters
    drop has no candidates; one that cannot be read or parsed has its ``error``."""
    iterator = iter(docs)
    for chunk in iter(lambda: list(islice(iterator, CHUNK_DOCS)), []):
        sink: list = []
        results = list(_extract_chunk(chunk, batch_size=batch_size, sink=sink))
        found = dict(sink)
        for facts in results:
            yield facts.doc_id, [] if facts.error else found.get(facts.doc_id, []), facts.error


def _extract_candidates(candidates: list[tuple[int, str, str]],
                        batch_size: int, sink: list | None = None
                        ) -> Iterator[tuple[int, DocumentFacts]]:
    if not candidates:  # nothing to parse: do not even load the model
        return
    prepared, per_doc = _plan(candidates)
    if not per_doc:
        return

    def parse_inputs() -> Iterator[tuple[str, tuple[int, int, bool]]]:
        for doc_i in sorted(per_doc):
            prep = prepared[doc_i]
            for n, (start, end, cand) in enumerate(per_doc[doc_i]):
                text = _TICKER.sub(lambda m: " " * len(m.group(0)), prep.text[start:end])
                text = text.translate(_PARSE_BLANKS)
                if prep.dateline and start <= prep.dateline[0] < end:
                    a = prep.dateline[0] - start
                    b = min(prep.dateline[1], end) - start
                    text = text[:a] + " " * (b - a) + text[b:]
                # The article's lead (first parsed sentence) gives context to the others.
                yield text, (doc_i, start, n == 0 or not cand)

    nlp = parser()
    rules = _rules()
    for doc_i, sentences in _parse(nlp, rules, parse_inputs(), batch_size):
        yield prepared[doc_i].index, _document_facts(prepared[doc_i], sentences, rules, sink)


def _parse(nlp, rules: SentenceRules, inputs: Iterable[tuple[str, tuple[int, int, bool]]],
           batch_size: int) -> Iterator[tuple[int, list[tuple[Doc, int]]]]:
    """Parse sentences and group them by article: ``(article, [(sentence doc, offset)])``.

    Every sentence gets tags, lemmas and dependencies. The entity recogniser (the costliest
    component) runs only where its entities can count: an article none of whose sentences
    may state a fact (``SentenceRules.may_state_fact``) has no facts whatever its entities say,
    so it is dropped here; in the others, entities are found in the sentences where a rule can
    fire (a trigger lemma or a link cue) and in the article's lead, which names the companies
    later sentences call "the company" or "it".
    """
    articles: dict[int, list[tuple[Doc, int, bool]]] = {}
    for sdoc, (doc_i, start, context) in nlp.pipe(inputs, as_tuples=True,
                                                  batch_size=batch_size, disable=[NER]):
        articles.setdefault(doc_i, []).append((sdoc, start, context))
    kept = {doc_i: sentences for doc_i, sentences in articles.items()
            if any(rules.may_state_fact(sdoc) for sdoc, _, _ in sentences)}
    wanted = [sdoc for sentences in kept.values() for sdoc, _, context in sentences
              if context or rules.trigger_matches(sdoc) or rules.cues(sdoc)]
    for _ in nlp.get_pipe(NER).pipe(wanted, batch_size=batch_size):
        pass
    for doc_i, sentences in kept.items():
        yield doc_i, [(sdoc, start) for sdoc, start, _ in sentences]


def _initials(name: str, small_words: bool, suffixes: bool = False) -> str:
    words = [w for w in re.findall(r"[A-Za-z][\w&'-]*", name)
             if suffixes or company_key(w)]
    return "".join(w[0].upper() for w in words if small_words or w[0].isupper())


def display_name(name: str, organisations: list[str], text: str) -> str:
    """A company name with its acronym when the article uses both: "General Motors (GM)"."""
    if "(" in name:
        return name
    if name.isupper() and 2 <= len(name) <= 6 and " " not in name:
        for org in organisations:
            if org != name and name in (_initials(org, False), _initials(org, True),
                                        _initials(org, False, True)):
                return f"{shortest_form(org)} ({name})"
        # A spelled-out name NER missed: "Trans World Airlines said ... TWA also said".
        pattern = r"\b[A-Z][a-z]+(?:[ \t]+(?:[A-Z][a-z]+|of|and|&)){1,5}"
        for match in re.finditer(pattern, text) if len(name) >= 3 else ():
            words = match.group(0).split()
            for end in range(len(words), 1, -1):
                candidate = " ".join(words[:end])
                if name in (_initials(candidate, False), _initials(candidate, True)):
                    return f"{candidate} ({name})"
        return name
    # The name as NER found it may carry the legal form the acronym spells: "Shanghai
    # Automotive Industry Corp" -> SAIC.
    fuller = [org for org in organisations if org.startswith(name + " ")]
    for small, suffixes in ((False, False), (True, False), (False, True)):
        for full in (name, *fuller):
            acronym = _initials(full, small, suffixes)
            if full is not name and len(acronym) < 3:  # "Siemens AG" -> "SA": too common
                continue
            # A stock ticker ("<GT>") is not the article using an acronym.
            if len(acronym) >= 2 and re.search(rf"(?<![<\w]){re.escape(acronym)}(?![>\w])",
                                               text) and acronym != name:
                return f"{name} ({acronym})"
    return name


def shortest_form(name: str) -> str:
    """A company name without trailing legal forms and joiners: "Chrysler Corp" -> "Chrysler",
    "Kidder, Peabody and" -> "Kidder, Peabody" (GUIDELINES: the shortest clear form)."""
    words = name.split()
    while len(words) > 1 and not company_key(words[-1]):
        words.pop()
    return " ".join(words)


def _is_title(sentence: str) -> bool:
    """A first line without closing punctuation (headline) or in capitals (wire title)."""
    line = sentence.strip()
    return not line.endswith((".", "!", "?", '"', "”", "'")) or line.isupper()


def _document_facts(prep: _Prepared, sentences: list, rules: SentenceRules,
                    sink: list | None = None) -> DocumentFacts:
    try:
        return _apply_rules(prep, sentences, rules, sink)
    except Exception as exc:  # one odd article must not stop a batch of thousands
        return DocumentFacts(doc_id=prep.doc_id, error=f"extraction failed: {exc!r}")


def _apply_rules(prep: _Prepared, sentences: list, rules: SentenceRules,
                 sink: list | None = None) -> DocumentFacts:
    """The article's facts: the rules' mentions, or with the learned fact model (shipped
    weights, see ``movewatch.extraction.learned``) the mentions of the candidates it keeps.
    With ``sink``, the article's candidates are appended to it (for training)."""
    ctx = prep.ctx
    # Candidates collected for training are the rules' alone, whatever weights are shipped.
    models = shipped_models() if sink is None else None
    moves: list[MoveMention] = []
    policies: list[PolicyMention] = []
    cues: list[LinkCue] = []
    offers: list[tuple[int, int, tuple]] = []
    candidates: list[Candidate] = []
    # Every name NER tags ORG anywhere in the article, before the rules run: the small model
    # often tags the same company PERSON in one sentence and ORG in another.
    ctx.article = prep.text
    for sdoc, _start in sentences:
        _note_organisations(sdoc, ctx)
    for n, (sdoc, start) in enumerate(sentences):
        state = rules.sentence(sdoc, start, ctx)
        result = rules.mentions(state)
        if models is not None or sink is not None:
            candidates.extend(sentence_candidates(state, result, n, n == 0,
                                                  rules.labelled_triggers(sdoc), ctx,
                                                  candidates))
        moves.extend(result.moves)
        policies.extend(result.policies)
        cues.extend(result.cues)
        offers.extend((result.sent_start, result.sent_end, offer) for offer in result.offers)
        _update_focus(sdoc, result.moves, ctx)
    if candidates:
        add_article_features(candidates, ctx)
    if sink is not None:
        sink.append((prep.doc_id, candidates))
    if models is not None:
        moves, policies = learned_mentions(candidates, models,
                                           status_model=shipped_status_model())
    moves.extend(_continuations(moves, offers))
    names: dict[str, str] = {}
    for mention in moves:
        if mention.company not in names:
            # The shortest clear form (GUIDELINES): "Chrysler Corp" -> "Chrysler".
            names[mention.company] = display_name(shortest_form(mention.company),
                                                  ctx.organisations, prep.text)
        mention.company = names[mention.company]
    unverified = bool(moves or policies) and says_unverified(prep.text)
    move_facts, move_groups = _merge_moves(moves, prep, unverified)
    policy_facts, policy_groups = _merge_policies(policies, prep, unverified)
    links = _links(cues, move_groups, policy_groups, prep.text)
    return DocumentFacts(doc_id=prep.doc_id, company_moves=move_facts,
                         policy_actions=policy_facts, links=links)


def _note_organisations(sdoc, ctx: DocContext) -> None:
    for ent in sdoc.ents:
        if ent.label_ == "ORG":
            name = " ".join(ent.text.split()).strip(" <>")
            if name not in ctx.organisations:
                ctx.organisations.append(name)
    for tok in sdoc:
        if tok.lemma_ == "report" and tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.ent_type_ == "ORG":
                ctx.reporting_outlet = " ".join(
                    sdoc[subj.left_edge.i: subj.i + 1].text.split())


def _update_focus(sdoc, mentions: list[MoveMention], ctx: DocContext) -> None:
    explicit = [m.company for m in mentions if m.explicit_company]
    if explicit:
        ctx.focus_company = explicit[0]
        return
    from movewatch.extraction.rules import _org_is_company, entity_company_name, org_entity

    subjects = [t for t in sdoc if t.dep_ in ("nsubj", "nsubjpass") and t.ent_type_]
    for tok in subjects:
        ent = org_entity(tok, ctx)
        if ent is not None and _org_is_company(ent):
            name = entity_company_name(ent)
            if name:
                ctx.focus_company = name
                return
    if ctx.focus_company is None:
        for ent in sdoc.ents:
            if ent.label_ == "ORG" and _org_is_company(ent):
                name = entity_company_name(ent)
                if name:
                    ctx.focus_company = name
                    return


def _continuations(moves: list[MoveMention], offers: list[tuple[int, int, tuple]]
                   ) -> list[MoveMention]:
    """"X made offers to 800 people": the number of a move X already announced."""
    out = []
    for s0, s1, (company, headcount, attributed) in offers:
        earlier = [m for m in moves if same_company(m.company, company)
                   and m.move_type in ("relocation", "layoff", "hiring") and m.sent_start < s0]
        if not earlier or any(m.sent_start == s0 for m in earlier):
            continue
        base = earlier[-1]
        out.append(MoveMention(company=base.company, move_type=base.move_type, countries=[],
                               to_countries=[], headcount=headcount, target=None,
                               status="announced", sent_start=s0, sent_end=s1,
                               attributed_to=attributed, explicit_company=True,
                               score=3.0))
    return out


def says_unverified(text: str) -> bool:
    """Whether the article says a claim could not be verified ("could not immediately verify").

    The pattern is tried only on texts with one of its verbs: most articles have none, and the
    regex alone costs more than the rest of an article's rules."""
    lower = text.lower()
    return ("verif" in lower or "confirm" in lower) and bool(_UNVERIFIED.search(text))


def _merge_moves(mentions: list[MoveMention], prep: _Prepared, unverified_doc: bool
                 ) -> tuple[list[CompanyMove], list[list[MoveMention]]]:
    groups = move_groups(mentions)
    facts = []
    for group in groups:
        best = best_mention(group)
        status = merged_move_status([m.status for m in group])
        to_countries = list(dict.fromkeys(c for m in group for c in m.to_countries))
        # Countries a sentence states beat those inferred from the dateline or the article.
        stated = [m for m in group if not m.countries_inferred] or group
        countries = [c for c in dict.fromkeys(c for m in stated for c in m.countries)
                     if c not in to_countries]
        headcount = best.headcount or next((m.headcount for m in group if m.headcount), None)
        target = next((m.target for m in group if m.target), None)
        company = move_company(group)
        named = [m.attributed_to for m in group
                 if m.attributed_to and m.attributed_to != "unnamed reports"]
        attributed = (best.attributed_to if best.attributed_to in named else None) or next(
            iter(named), best.attributed_to)
        is_unverified = unverified_doc and attributed is not None and not same_company(
            attributed, company)
        confidence = min(0.95, 0.45 + 0.1 * min(len(group), 3) + 0.1 * best.explicit_company
                         + 0.05 * bool(headcount) + 0.05 * bool(countries))
        evidence = prep.text[best.sent_start:best.sent_end]
        facts.append(CompanyMove(
            company=company, company_key=company_key(company), move_type=group[0].move_type,
            countries=tuple(countries), to_countries=tuple(to_countries),
            headcount_min=headcount[0] if headcount else None,
            headcount_max=headcount[1] if headcount else None, target=target, status=status,
            evidence=evidence, evidence_start=best.sent_start, evidence_end=best.sent_end,
            attributed_to=attributed, is_unverified=is_unverified,
            confidence=round(confidence, 2)))
    return facts, groups


def _merge_policies(mentions: list[PolicyMention], prep: _Prepared, unverified_doc: bool
                    ) -> tuple[list[PolicyAction], list[list[PolicyMention]]]:
    groups = policy_groups(mentions)
    facts = []
    for group in groups:
        best = best_mention(group)
        attributed = best.attributed_to
        confidence = min(0.9, 0.4 + 0.1 * min(len(group), 3) + 0.05 * best.score)
        facts.append(PolicyAction(
            actor=best.actor, actor_country=best.actor_country, action_type=best.action_type,
            target_country=best.target_country, subject=best.subject, status=best.status,
            evidence=prep.text[best.sent_start:best.sent_end], evidence_start=best.sent_start,
            evidence_end=best.sent_end, attributed_to=attributed,
            is_unverified=unverified_doc and attributed is not None,
            confidence=round(confidence, 2)))
    return facts, groups


def _links(cues: list[LinkCue], move_groups: list[list[MoveMention]],
           policy_groups: list[list[PolicyMention]], text: str) -> list[MovePolicyLink]:
    links: list[MovePolicyLink] = []
    seen: set[tuple[int, int]] = set()
    for cue in cues:
        movers = [i for i, g in enumerate(move_groups)
                  if any(m.sent_start == cue.sent_start for m in g)]
        if not movers and cue.refers_to_previous_move:
            before = [(max(m.sent_start for m in g if m.sent_start < cue.sent_start), i)
                      for i, g in enumerate(move_groups)
                      if any(m.sent_start < cue.sent_start for m in g)]
            movers = [max(before)[1]] if before else []
        if not movers:
            continue
        policies = [i for i, g in enumerate(policy_groups)
                    if g[0].actor_country in cue.countries
                    or any(m.sent_start == cue.sent_start for m in g)]
        for mi in movers:
            for pi in policies:
                if (mi, pi) not in seen:
                    seen.add((mi, pi))
                    links.append(MovePolicyLink(move_index=mi, policy_index=pi, cue=cue.cue,
                                                evidence=text[cue.sent_start:cue.sent_end]))
    return links
