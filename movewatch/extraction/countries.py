"""Resolve place names, demonyms and metonyms to ISO 3166-1 alpha-2 codes (plus ``EU``).

pycountry supplies the country names and the first-level subdivisions of a few large
federations; the tables below add what pycountry does not know: common short names
("Russia", "Britain"), demonyms ("German carmaker"), capitals and financial centres used
as metonyms ("Washington", "Brussels") and the US state abbreviations of wire datelines.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry

EU = "EU"

# Short or historical names pycountry's lookup misses.
_ALIASES: dict[str, str] = {
    "u.s.": "US", "u.s.a.": "US", "us": "US", "usa": "US", "america": "US",
    "united states": "US", "united states of america": "US", "the united states": "US",
    "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB", "the uk": "GB",
    "russia": "RU", "soviet union": "RU", "ussr": "RU", "the soviet union": "RU",
    "south korea": "KR", "korea": "KR", "north korea": "KP", "iran": "IR", "syria": "SY",
    "taiwan": "TW", "vietnam": "VN", "laos": "LA", "bolivia": "BO", "venezuela": "VE",
    "tanzania": "TZ", "moldova": "MD", "czech republic": "CZ", "czechoslovakia": "CZ",
    "holland": "NL", "the netherlands": "NL", "burma": "MM", "ivory coast": "CI",
    "west germany": "DE", "east germany": "DE", "hong kong": "HK", "macau": "MO",
    "the philippines": "PH", "philippines": "PH", "zaire": "CD", "congo": "CD",
    "eu": EU, "e.u.": EU, "european union": EU, "the european union": EU,
    "ec": EU, "e.c.": EU, "european community": EU, "european commission": EU,
    "european economic community": EU, "eec": EU, "the european community": EU,
    "uae": "AE", "united arab emirates": "AE", "dubai": "AE", "abu dhabi": "AE",
    "mainland china": "CN", "prc": "CN", "turkey": "TR",
}

# Demonyms and adjectives of nationality.
_DEMONYMS: dict[str, str] = {
    "american": "US", "u.s.-based": "US", "british": "GB", "english": "GB", "scottish": "GB",
    "welsh": "GB", "chinese": "CN", "japanese": "JP", "german": "DE", "west german": "DE",
    "french": "FR", "italian": "IT", "spanish": "ES", "dutch": "NL", "belgian": "BE",
    "swiss": "CH", "swedish": "SE", "norwegian": "NO", "danish": "DK", "finnish": "FI",
    "irish": "IE", "canadian": "CA", "mexican": "MX", "brazilian": "BR", "argentine": "AR",
    "argentinian": "AR", "chilean": "CL", "venezuelan": "VE", "colombian": "CO",
    "peruvian": "PE", "bolivian": "BO", "ecuadorean": "EC", "ecuadorian": "EC",
    "uruguayan": "UY", "paraguayan": "PY", "cuban": "CU", "australian": "AU",
    "new zealand": "NZ", "indian": "IN", "pakistani": "PK", "bangladeshi": "BD",
    "sri lankan": "LK", "indonesian": "ID", "malaysian": "MY", "singaporean": "SG",
    "thai": "TH", "philippine": "PH", "filipino": "PH", "korean": "KR",
    "south korean": "KR", "north korean": "KP", "taiwanese": "TW", "vietnamese": "VN",
    "russian": "RU", "soviet": "RU", "polish": "PL", "czech": "CZ", "hungarian": "HU",
    "austrian": "AT", "greek": "GR", "turkish": "TR", "israeli": "IL", "egyptian": "EG",
    "saudi": "SA", "saudi arabian": "SA", "iranian": "IR", "iraqi": "IQ", "kuwaiti": "KW",
    "nigerian": "NG", "south african": "ZA", "kenyan": "KE", "portuguese": "PT",
    "cypriot": "CY", "zimbabwean": "ZW", "burmese": "MM", "ukrainian": "UA",
    "romanian": "RO", "bulgarian": "BG", "emirati": "AE", "qatari": "QA", "moroccan": "MA",
    "algerian": "DZ", "libyan": "LY", "tunisian": "TN", "lebanese": "LB", "syrian": "SY",
    "jordanian": "JO", "nepalese": "NP", "luxembourgish": "LU", "icelandic": "IS",
    "hongkong": "HK",
}

# Capitals and business centres often used for their country (metonyms) or as places.
_CITIES: dict[str, str] = {
    "washington": "US", "new york": "US", "chicago": "US", "los angeles": "US",
    "san francisco": "US", "houston": "US", "dallas": "US", "detroit": "US", "boston": "US",
    "atlanta": "US", "seattle": "US", "pittsburgh": "US", "philadelphia": "US",
    "wall street": "US", "silicon valley": "US", "beijing": "CN", "shanghai": "CN",
    "shenzhen": "CN", "guangzhou": "CN", "tokyo": "JP", "osaka": "JP", "london": "GB",
    "edinburgh": "GB", "glasgow": "GB", "manchester": "GB", "birmingham": "GB",
    "cardiff": "GB", "belfast": "GB", "paris": "FR", "berlin": "DE", "bonn": "DE",
    "frankfurt": "DE", "munich": "DE", "hamburg": "DE", "duesseldorf": "DE",
    "dusseldorf": "DE", "stuttgart": "DE", "brussels": EU, "rome": "IT", "milan": "IT",
    "turin": "IT", "madrid": "ES", "barcelona": "ES", "moscow": "RU", "ottawa": "CA",
    "toronto": "CA", "montreal": "CA", "vancouver": "CA", "canberra": "AU", "sydney": "AU",
    "melbourne": "AU", "wellington": "NZ", "auckland": "NZ", "new delhi": "IN",
    "delhi": "IN", "mumbai": "IN", "bombay": "IN", "bangalore": "IN", "seoul": "KR",
    "taipei": "TW", "zurich": "CH", "geneva": "CH", "berne": "CH", "bern": "CH",
    "amsterdam": "NL", "rotterdam": "NL", "the hague": "NL", "stockholm": "SE",
    "oslo": "NO", "copenhagen": "DK", "helsinki": "FI", "dublin": "IE", "lisbon": "PT",
    "vienna": "AT", "athens": "GR", "ankara": "TR", "istanbul": "TR", "cairo": "EG",
    "riyadh": "SA", "tehran": "IR", "baghdad": "IQ", "jakarta": "ID",
    "kuala lumpur": "MY", "bangkok": "TH", "manila": "PH", "karachi": "PK",
    "islamabad": "PK", "johannesburg": "ZA", "pretoria": "ZA", "cape town": "ZA",
    "nairobi": "KE", "lagos": "NG", "buenos aires": "AR", "sao paulo": "BR",
    "rio de janeiro": "BR", "brasilia": "BR", "mexico city": "MX", "caracas": "VE",
    "bogota": "CO", "lima": "PE", "santiago": "CL", "havana": "CU", "warsaw": "PL",
    "prague": "CZ", "budapest": "HU", "bucharest": "RO", "kiev": "UA", "kyiv": "UA",
    "nicosia": "CY", "tel aviv": "IL", "jerusalem": "IL", "kuwait city": "KW",
    "hanoi": "VN", "luxembourg": "LU", "whitehall": "GB", "westminster": "GB",
    "downing street": "GB", "capitol hill": "US", "white house": "US", "kremlin": "RU",
}

# Wire-service state abbreviations, used in datelines ("FORT LAUDERDALE, Fla., April 9 -").
_US_STATE_ABBREVIATIONS = frozenset((
    "ala.", "ariz.", "ark.", "calif.", "colo.", "conn.", "del.", "fla.", "ga.", "ill.", "ind.",
    "kan.", "ky.", "la.", "md.", "mass.", "mich.", "minn.", "miss.", "mo.", "mont.", "neb.",
    "nev.", "n.h.", "n.j.", "n.m.", "n.y.", "n.c.", "n.d.", "okla.", "ore.", "pa.", "r.i.",
    "s.c.", "s.d.", "tenn.", "tex.", "vt.", "va.", "wash.", "w.va.", "wis.", "wyo.", "d.c.",
))

_SUBDIVISION_COUNTRIES = ("US", "CA", "AU", "CN", "DE", "IN", "BR")
_STRIP_ARTICLE = re.compile(r"^(the)\s+")
_CLEAN = re.compile(r"[^a-z0-9.&' -]+")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = _CLEAN.sub(" ", text.lower().replace("’", "'"))
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                index[_fold(value)] = country.alpha_2
                # "Korea, Republic of" -> "korea"
                index.setdefault(_fold(value.split(",")[0]), country.alpha_2)
    for code in _SUBDIVISION_COUNTRIES:
        for sub in pycountry.subdivisions.get(country_code=code) or ():
            index.setdefault(_fold(sub.name), code)
    for abbreviation in _US_STATE_ABBREVIATIONS:
        index.setdefault(abbreviation, "US")
    index.update(_CITIES)
    index.update(_DEMONYMS)
    index.update(_ALIASES)
    # Words that are subdivisions or names somewhere but mostly mean something else in news.
    for ambiguous in ("georgia", "jersey", "guernsey", "chad", "man", "union", "victoria", "para",
                      "central", "north", "south", "east", "west", "ind.", "la.", "mass.",
                      "wash.", "miss.", "mo.", "ore.", "ga.", "del.", "pa.", "va."):
        index.pop(ambiguous, None)
    return index


def country_code(name: str | None) -> str | None:
    """ISO alpha-2 code (or ``EU``) for a country, place, demonym or metonym; else None."""
    if not name:
        return None
    key = _fold(name)
    key = re.sub(r"'s$", "", key).strip(" .'-") if key not in _index() else key
    index = _index()
    for candidate in (key, _STRIP_ARTICLE.sub("", key), key.rstrip("s")):
        if candidate in index:
            return index[candidate]
    # "China-based", "U.S.-made", "Japan-owned"
    match = re.match(r"^(.+?)-(based|made|owned|registered|headquartered|led|listed)$", key)
    if match:
        return country_code(match.group(1))
    return None


def dateline_country(place: str) -> str | None:
    """Country of a dateline place such as ``"FORT LAUDERDALE, Fla."`` or ``"BRUSSELS"``."""
    parts = [p.strip() for p in place.split(",") if p.strip()]
    for part in reversed(parts):
        lowered = part.lower()
        if lowered in _US_STATE_ABBREVIATIONS:
            return "US"
        code = country_code(part)
        if code:
            # The EU is an actor, not a place: a Brussels dateline locates the story in Belgium.
            return "BE" if code == EU else code
    return None


def is_country_word(name: str) -> bool:
    """True when ``name`` names a country, place or nationality we can code."""
    return country_code(name) is not None


def surface_forms() -> dict[str, str]:
    """Capitalised spellings of every known place word, for an ORTH PhraseMatcher.

    Matching the capitalised form keeps "us" (pronoun) and "china" (porcelain) out.
    """
    forms: dict[str, str] = {}
    for key, code in _index().items():
        if not key or not key[0].isalpha():
            continue
        title = " ".join(w[:1].upper() + w[1:] for w in key.split(" "))
        title = re.sub(r"\b(Of|And|The|De|Da)\b", lambda m: m.group(0).lower(), title)
        title = title[:1].upper() + title[1:]
        title = re.sub(r"-([a-z])", lambda m: "-" + m.group(1).upper(), title)
        forms.setdefault(title, code)
        if len(key.replace(".", "")) <= 4:
            forms.setdefault(key.upper(), code)
    return forms
