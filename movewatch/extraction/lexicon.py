"""Trigger lexicons and cue words of the extraction rules (see GUIDELINES.md).

Lemmas are lower-case spaCy lemmas. Everything a rule keys on lives here, so that
extending coverage means editing word lists, not code.
"""

from __future__ import annotations

from movewatch.companies import LEGAL_FORMS

# --- company moves -------------------------------------------------------------------------
JOB_NOUNS = frozenset({
    "job", "worker", "staff", "employee", "position", "post", "workforce", "people",
    "headcount", "personnel", "journalist", "engineer", "reporter", "redundancy", "role",
    "staffer", "labourer", "laborer", "miner", "manager", "person",
})
FACILITY_NOUNS = frozenset({
    "plant", "factory", "office", "centre", "center", "facility", "store", "shop", "lab",
    "laboratory", "mill", "refinery", "site", "headquarters", "hq", "branch", "outlet",
    "warehouse", "depot", "mine", "smelter", "studio", "hub", "campus", "works", "yard",
    "shipyard", "terminal", "complex", "factories", "plants", "pit", "dam", "foundry",
    "restaurant", "hotel", "showroom", "line", "operation", "operations", "subsidiary",
})
UNIT_NOUNS = frozenset({
    "unit", "subsidiary", "division", "business", "stake", "interest", "share", "asset",
    "operation", "arm", "plant", "brand", "holding", "company", "firm", "restaurant",
    "chain", "store", "hotel", "system", "network", "station", "newspaper", "refinery",
    "mine", "property", "control", "majority", "percent", "pct", "%", "portfolio",
    "bank", "group", "affiliate", "venture", "maker", "producer", "operator", "carrier",
    "retailer", "insurer", "rival", "concern", "title", "magazine", "studio", "mill",
    "factory", "franchise", "label", "team", "club", "airline", "paper", "channel",
    "interests", "shareholding", "assets", "businesses",
})
RELOCATION_OBJECTS = JOB_NOUNS | frozenset({
    "operation", "production", "headquarters", "hq", "manufacturing", "work", "activity",
    "function", "plant", "research", "base", "office", "centre", "center", "assembly",
    "output", "factory", "service",
})
# What capital is committed to in an `investment` ("investment in new machinery").
CAPITAL_OBJECTS = frozenset({
    "machinery", "equipment", "capacity", "infrastructure", "network", "project", "expansion",
    "modernisation", "modernization", "upgrade", "press", "presses", "fleet", "technology",
    "production", "manufacturing", "research", "development", "r&d", "printing",
})
MARKET_NOUNS = frozenset({"market", "country", "business", "operation", "region"})

# Verb lemma -> move type; object constraints are checked by the rules.
ACQUISITION_VERBS = frozenset({"acquire", "buy", "purchase", "snap", "takeover"})
ACQUISITION_NOUNS = frozenset({"acquisition", "takeover", "buyout", "purchase", "bid",
                               "buy-out", "tender", "buyer", "purchaser", "offer"})
DIVESTMENT_VERBS = frozenset({"sell", "divest", "dispose", "spin", "offload", "auction"})
DIVESTMENT_NOUNS = frozenset({"sale", "divestiture", "divestment", "disposal", "spinoff",
                              "spin-off", "sell-off", "selloff"})
LAYOFF_VERBS = frozenset({"cut", "slash", "shed", "axe", "ax", "eliminate", "lay", "trim",
                          "fire", "sack", "idle", "furlough", "reduce", "lose", "scrap"})
LAYOFF_NOUNS = frozenset({"layoff", "lay-off", "redundancy", "layoffs", "redundancies"})
HIRING_VERBS = frozenset({"create", "add", "hire", "recruit", "generate"})
OPENING_VERBS = frozenset({"open", "build", "construct", "establish", "set", "inaugurate",
                           "launch", "erect", "develop"})
CLOSURE_VERBS = frozenset({"close", "shut", "mothball", "shutter"})
CLOSURE_NOUNS = frozenset({"closure", "shutdown"})
EXIT_VERBS = frozenset({"withdraw", "pull", "exit", "quit", "leave", "suspend", "cease"})
INVEST_VERBS = frozenset({"invest", "plough", "pour"})
RELOCATION_VERBS = frozenset({"relocate", "move", "shift", "transfer", "offshore",
                              "outsource", "switch"})
RELOCATION_NOUNS = frozenset({"relocation", "transfer", "offshoring", "outsourcing", "move"})

# --- policy actions ------------------------------------------------------------------------
GOVERNMENT_HEADS = frozenset({
    "government", "administration", "congress", "house", "senate", "parliament",
    "ministry", "minister", "commission", "authority", "authorities", "agency",
    "department", "regulator", "council", "president", "chancellor", "premier",
    "secretary", "treasury", "cabinet", "legislature", "lawmakers", "legislator",
    "state", "states", "assembly", "bureau", "office", "officials", "official",
    "representative", "bank", "committee", "subcommittee", "diet", "bundestag",
    "kremlin", "whitehall", "regime", "junta", "court", "tribunal", "watchdog",
    "inspectorate", "ministers", "governments", "sepa", "mpt", "miti", "ftc", "sec",
    "fcc", "fda", "epa", "oft", "ofcom", "ofwat", "ofgem", "doj", "usda", "usitc", "itc",
    "mofcom", "bafin", "cftc", "ustr",
})
# Names whose country needs no context. Lower-case keys.
GOVERNMENT_NAMES: dict[str, str] = {
    "congress": "US", "white house": "US", "the house": "US", "senate": "US",
    "pentagon": "US", "state department": "US", "commerce department": "US",
    "treasury department": "US", "justice department": "US", "department of justice": "US",
    "department of commerce": "US", "federal reserve": "US", "fed": "US", "ftc": "US",
    "sec": "US", "securities and exchange commission": "US", "fcc": "US", "fda": "US",
    "epa": "US", "usda": "US", "usitc": "US", "itc": "US", "ustr": "US",
    "house of representatives": "US", "ways and means": "US", "capitol hill": "US",
    "federal trade commission": "US", "international trade commission": "US",
    "reagan": "US", "bush": "US", "clinton": "US", "obama": "US", "trump": "US",
    "biden": "US", "yeutter": "US", "baldrige": "US", "lyng": "US", "gephardt": "US",
    "miti": "JP", "mpt": "JP", "diet": "JP", "nakasone": "JP", "koizumi": "JP",
    "tamura": "JP", "thatcher": "GB", "blair": "GB", "downing street": "GB",
    "whitehall": "GB", "westminster": "GB", "commons": "GB", "house of commons": "GB",
    "house of lords": "GB", "home office": "GB", "office of fair trading": "GB", "oft": "GB",
    "ofcom": "GB", "ofwat": "GB", "ofgem": "GB", "monopolies and mergers commission": "GB",
    "competition commission": "GB", "kohl": "DE", "schroeder": "DE", "merkel": "DE",
    "bundestag": "DE", "bundesbank": "DE", "mitterrand": "FR", "chirac": "FR",
    "kremlin": "RU", "putin": "RU", "gorbachev": "RU", "duma": "RU", "sepa": "CN",
    "mofcom": "CN", "state council": "CN", "european commission": "EU",
    "ec commission": "EU", "commission": "EU", "brussels": "EU", "council of ministers": "EU",
    "european parliament": "EU", "bafin": "DE",
}
# Heads that only denote a government with a country attached or from the article context.
CONTEXT_GOVERNMENT_HEADS = frozenset({
    "government", "administration", "parliament", "ministry", "minister", "authorities",
    "authority", "cabinet", "legislature", "lawmakers", "regime", "officials", "state",
    "president", "premier", "chancellor", "agency", "regulator", "treasury", "bank",
    "department", "council", "secretary", "court", "watchdog", "junta", "governments",
})

SANCTION_NOUNS = frozenset({"sanction", "embargo", "blacklist", "freeze", "boycott"})
IMPORT_NOUNS = frozenset({"tariff", "duty", "quota", "levy"})
IMPORT_DUTY_MODIFIERS = frozenset({"import", "customs", "anti-dumping", "antidumping",
                                   "countervailing", "punitive", "retaliatory", "dumping",
                                   "excise", "protective"})
RESTRICTION_NOUNS = frozenset({"restriction", "control", "curb", "ban", "limit", "guardrail",
                               "barrier", "measure", "rule", "regulation", "check",
                               "licence", "license", "licensing", "prohibition",
                               "moratorium", "cap", "veto", "screening", "review"})
RESTRICTION_VERBS = frozenset({"restrict", "ban", "limit", "curb", "prohibit", "control",
                               "block", "bar", "regulate", "halt", "stop", "veto", "screen",
                               "embargo", "license", "licence", "tighten", "outlaw",
                               "forbid", "cap"})
REGULATION_NOUNS = frozenset({"law", "legislation", "bill", "rule", "regulation", "licence",
                              "license", "levy", "guardrail", "oversight", "reform",
                              "requirement", "directive", "decree", "act", "standard",
                              "ban", "moratorium", "halt", "code"})
REGULATION_VERBS = frozenset({"regulate", "ban", "outlaw", "deregulate", "license",
                              "revoke", "halt", "order", "require", "mandate", "punish"})
SUBSIDY_NOUNS = frozenset({"subsidy", "subsidies", "aid", "grant", "bailout", "incentive",
                           "break", "handout", "support", "loan", "credit", "rescue",
                           "stimulus", "provision"})
ANTITRUST_NOUNS = frozenset({"antitrust", "anti-trust", "investigation", "probe", "inquiry",
                             "monopoly", "cartel"})
EXPORT_WORDS = frozenset({"export", "exports", "exporting", "shipment", "shipments"})
TECH_EXPORT_WORDS = frozenset({"chip", "semiconductor", "chipmake", "technology",
                               "equipment", "chip-making", "supercomputer", "weapon",
                               "arms", "ai", "software", "hardware"})
IMPORT_WORDS = frozenset({"import", "imports", "importing", "goods", "products", "dumping"})
# Subjects of measures: nouns and verbs whose object names the goods ("the export of X").
TRADE_FLOW_NOUNS = frozenset({"export", "import", "shipment", "sale", "exports", "imports",
                              "supply", "transfer"})
TRADE_FLOW_VERBS = frozenset({"buy", "acquire", "obtain", "purchase", "import", "export",
                              "ship", "sell", "supply", "access"})
# Rules that bind governments' finances or politics, not companies (no policy action).
PUBLIC_FINANCE_WORDS = frozenset({"deficit", "budget", "pact", "treaty", "constitution",
                                  "constitutional", "gdp", "borrowing", "election",
                                  "electoral", "referendum", "asylum", "immigration",
                                  "pension", "eurozone", "maastricht", "fiscal"})
# Proposals that carry a measure ("a bill to impose quotas"): pending until passed.
POLICY_VEHICLE_NOUNS = frozenset({"bill", "legislation", "measure", "proposal", "draft",
                                  "amendment"})
# Nouns whose owner takes the measure they introduce ("the Central Bank decision to revoke").
DECISION_NOUNS = frozenset({"decision", "plan", "move", "proposal", "threat", "order",
                            "attempt", "effort", "bid", "decree", "ruling", "pledge",
                            "promise", "intention", "offer", "step", "drive", "push"})
# Verbs that break or keep the law in general ("breaking trade rules": no new measure).
LAW_ABIDING_LEMMAS = frozenset({"break", "violate", "breach", "contravene", "flout",
                                "infringe", "obey", "follow", "comply", "respect", "abide",
                                "circumvent", "evade", "bend", "conform", "uphold"})
# "bank bills", "treasury bills": money-market paper, not legislation.
MONEY_BILL_WORDS = frozenset({"bank", "treasury", "t", "money", "authority", "local",
                              "eligible", "commercial", "phone", "telephone", "electricity",
                              "gas", "energy", "fuel", "water", "tax", "medical", "hospital",
                              "heating", "stg", "dollar", "import", "oil", "wage", "food",
                              "interest", "salary", "pay"})
# Nouns that also name the law in general ("protected by US law").
BODY_OF_LAW_NOUNS = frozenset({"law", "legislation", "rule", "regulation", "standard"})
# Verbs whose subject judges a measure rather than takes it ("China sees the ban as ...").
OPINION_LEMMAS = frozenset({"see", "view", "regard", "describe", "welcome", "dismiss",
                            "blame", "reject", "denounce", "deplore", "resent", "complain",
                            "attack", "question", "doubt", "dislike", "resist", "fight"})
# Measures whose "to"/"on" object is what they stop ("a halt to construction work").
STOP_ORDER_NOUNS = frozenset({"halt", "ban", "moratorium", "freeze", "stop", "limit", "cap",
                              "curb", "restriction", "levy", "tax"})
# Words that say nothing about what a measure bears on ("new guardrails").
EMPTY_SUBJECT_WORDS = frozenset({"new", "further", "additional", "fresh", "tough", "tougher",
                                 "current", "existing", "possible", "proposed", "recent",
                                 "repeated", "more", "such", "other", "certain", "strict",
                                 "stricter", "major", "same", "various", "several", "any",
                                 "some", "its", "their", "the", "a", "an", "this", "these",
                                 "resulting", "planned", "threatened", "announced",
                                 "promised", "so-called", "latest", "first"})
INVESTMENT_WORDS = frozenset({"investment", "investor", "takeover", "ownership", "acquisition",
                              "merger", "stake", "bid"})

# --- modality ------------------------------------------------------------------------------
CANCEL_LEMMAS = frozenset({"cancel", "abandon", "scrap", "shelve", "postpone", "drop",
                           "terminate", "block", "deny", "call", "halt", "withdraw",
                           "suspend", "delay", "kill", "ditch", "end", "collapse", "fail",
                           "veto", "prohibit", "bar", "ban"})
CONSIDER_LEMMAS = frozenset({"consider", "weigh", "explore", "study", "mull", "contemplate",
                             "discuss", "negotiate", "seek", "eye", "examine", "evaluate",
                             "review", "talk", "want", "hope", "look", "propose", "aim",
                             "hint", "float", "rumour", "rumor", "speculate", "ponder",
                             "investigate", "assess", "try", "wish", "recommend", "urge",
                             "threaten", "suggest", "debate", "draft", "intend"})
CONSIDER_WORDS = frozenset({"may", "might", "could", "possible", "possibly", "potential",
                            "potentially", "reportedly", "talks", "negotiations",
                            "speculation", "rumours", "rumors", "likely", "proposal",
                            "proposed", "considering", "consideration", "draft", "bill",
                            "idea", "prospect", "option", "options", "mooted", "if"})
ANNOUNCE_LEMMAS = frozenset({"announce", "agree", "plan", "decide", "expect", "sign",
                             "unveil", "offer", "pledge", "promise", "commit", "approve",
                             "confirm", "set", "schedule", "prepare", "launch", "pass",
                             "adopt", "vote", "ratify", "accept", "reach", "endorse"})
ANNOUNCE_WORDS = frozenset({"will", "would", "shall", "'ll", "planned", "plans", "plan",
                            "agreed", "agreement", "deal", "letter", "intent", "principle",
                            "definitive", "going"})
COMPLETE_LEMMAS = frozenset({"complete", "finalise", "finalize", "close", "conclude",
                             "finish", "become"})
LIFT_LEMMAS = frozenset({"lift", "ease", "remove", "end", "scrap", "abolish", "suspend",
                         "drop", "repeal", "relax", "overturn", "cut", "reduce", "lower",
                         "liberalise", "liberalize", "waive", "rescind", "loosen", "axe",
                         "eliminate", "phase", "improve", "exempt"})
LIFT_NOUNS = frozenset({"cut", "cuts", "reduction", "removal", "easing", "lifting",
                        "relaxation", "repeal", "exemption", "liberalisation",
                        "liberalization"})
REQUEST_LEMMAS = frozenset({"ask", "urge", "press", "demand", "call", "want", "pressure",
                            "push", "lobby", "request"})
POLICY_CONSIDER_LEMMAS = CONSIDER_LEMMAS | frozenset({"threaten", "warn", "plan", "prepare"})
POLICY_ANNOUNCE_LEMMAS = frozenset({"announce", "decide", "pass", "approve", "agree", "adopt",
                                    "unveil", "vote", "ratify", "back", "endorse", "sign",
                                    "enact", "set"})
POLICY_IN_FORCE_LEMMAS = frozenset({"impose", "place", "introduce", "levy", "apply",
                                    "enforce", "order", "launch", "slap", "maintain", "keep",
                                    "extend", "tighten", "use", "pay", "grant", "provide",
                                    "give", "receive", "enjoy", "continue", "freeze",
                                    "revoke", "withdraw", "halt", "fine", "hit"})

# --- attribution, verification, links ------------------------------------------------------
SPEECH_LEMMAS = frozenset({"say", "report", "tell", "state", "add", "claim",
                           "confirm", "disclose", "reveal", "write", "quote", "note",
                           "acknowledge", "indicate", "insist", "suggest", "believe",
                           "predict", "warn"})
OUTLET_WORDS = frozenset({"journal", "times", "post", "news", "reuters", "bloomberg", "cnbc",
                          "bbc", "ft", "agency", "newspaper", "press", "television",
                          "radio", "magazine", "wsj", "tribune", "herald", "telegraph",
                          "guardian", "economist", "nikkei", "xinhua", "tass", "kyodo",
                          "afp", "ap", "cnn", "daily", "gazette", "report", "reports",
                          "media", "paper", "wire", "broadcaster", "sources", "source"})
UNVERIFIED_PATTERN = (
    r"(?i)\b(?:could|can|cannot|can't|couldn't|was|were|has|have|had|is|are)\s*(?:not|n't)?\s+"
    r"(?:been\s+)?(?:able\s+to\s+)?(?:independently\s+|immediately\s+)?"
    r"(?:verify|verified|confirm|confirmed)\b"
    r"|\bunable\s+to\s+(?:independently\s+|immediately\s+)?(?:verify|confirm)\b"
    r"|\bnot\s+(?:been\s+)?(?:independently\s+)?verified\b|\bunverified\b"
)
LINK_CUES = ("amid", "because of", "in response to", "due to", "following",
             "in the wake of", "prompted by", "as a result of", "in reaction to",
             "on the back of", "to comply with", "in retaliation for", "after")
PRONOUN_SUBJECTS = frozenset({"it", "they", "we", "which", "that", "who", "he", "she"})
POSSESSIVE_PRONOUNS = frozenset({"its", "their"})
DEFINITE_COMPANY_NOUNS = frozenset({
    "company", "group", "firm", "bank", "carrier", "airline", "maker", "giant", "concern",
    "insurer", "retailer", "operator", "producer", "unit", "subsidiary", "corporation",
    "business", "chain", "manufacturer", "carmaker", "automaker", "drugmaker", "brewer",
    "conglomerate", "utility", "partnership", "builder",
})
# Role words that precede a person's name ("minister Kim", "chairman Smith").
PERSON_ROLES = frozenset({"minister", "president", "chairman", "chairwoman", "chief",
                          "executive", "director", "secretary", "spokesman", "spokeswoman",
                          "governor", "premier", "chancellor", "analyst", "economist",
                          "manager", "officer", "leader", "senator", "ambassador", "founder",
                          "boss", "head"})
# Nouns whose owner performs the move they govern ("its plan to buy X").
INTENT_NOUNS = frozenset({"plan", "plans", "intention", "decision", "proposal", "bid",
                          "attempt", "effort", "move", "agreement", "deal", "offer", "right",
                          "flexibility", "pledge", "promise", "commitment", "strategy",
                          "option", "ambition", "aim", "hope"})
# Passive verbs that raise their subject from the clause below ("X is rumoured to bid").
RAISING_LEMMAS = frozenset({"rumour", "rumor", "expect", "say", "report", "think", "believe",
                            "understand", "set", "tip", "poise", "reckon", "see", "know",
                            "schedule", "due", "likely", "tell", "slate"})
# Words that make a name a business even when it is also a news outlet ("Telegraph Group").
CORPORATE_WORDS = LEGAL_FORMS | {"group", "holdings", "publishing", "publishers"}
NON_COMPANY_WORDS = frozenset({
    "government", "ministry", "commission", "parliament", "congress", "court", "union",
    "unions", "council", "authority", "authorities", "agency", "department", "administration",
    "state", "police", "army", "navy", "reuters", "journal", "newspaper", "investors",
    "analysts", "shareholders", "people", "officials", "sources", "exchange commission",
    "treasury", "regulator", "committee", "senate", "house", "party", "labour", "tories",
    "fed", "the", "this", "these", "those", "a", "an",
})

# Verbs whose subject suffers a measure rather than taking it ("Japan faces sanctions").
TARGET_SUBJECT_LEMMAS = frozenset({"face", "suffer", "escape", "avoid", "avert", "hit", "fear",
                                   "risk", "protest", "oppose", "criticise", "criticize",
                                   "condemn", "challenge", "comply"})
NORMATIVE_AUX = frozenset({"should", "must", "ought", "need"})
TITLES = frozenset({"mr", "mrs", "ms", "dr", "sir", "lord", "lady", "dame", "miss", "prof"})
NON_COMPANY_HEADS = frozenset({"project", "dam", "river", "site", "plan", "scheme", "area",
                               "region", "city", "port", "sector", "industry", "market"})
# Verbs whose subject performs the move named by a noun ("X announced job cuts").
DOER_LEMMAS = frozenset({
    "announce", "plan", "make", "carry", "complete", "agree", "launch", "unveil", "confirm",
    "consider", "propose", "implement", "seek", "begin", "start", "undertake", "finalise",
    "finalize", "approve", "need", "fund", "pursue", "continue", "offer", "mull", "explore",
    "weigh", "study", "negotiate", "prepare", "intend", "expect", "want", "close", "outline",
    "detail", "reveal", "set", "commit", "pledge", "promise", "put", "submit", "table",
    "receive", "win", "secure", "clinch", "seal", "sign", "open", "schedule", "postpone",
    "cancel", "scrap", "shelve", "abandon", "halt", "delay", "freeze", "drop", "suspend",
})
