"""Score our actor resolution on the NGEC actor-resolution test cases: country and sector, offline.

Usage: python -m newsledger.evaluation.ngec [--errors]

The cases (``ngec_actor_resolution/actor_resolution_cases.jsonl``) call methods of the NGEC resolver. We score:

- ``search_nat(text)``, field ``cc``: the country of the first country name or demonym in the text;
- ``agent_to_code(text, context?, date?)`` and ``short_text_to_agent(text)``, fields ``country`` and ``code_1``
  (the PLOVER agent code, our "sector"), when the expected value is an ISO code, a PLOVER code or empty.

Left out, and why:

- ``query_wiki`` and ``trf_agent_match`` (a Wikipedia search and a transformer model), and any case that expects
  a Wikipedia field (``wiki``, ``title``, ``actor_wiki_job``): they test NGEC's Wikipedia lookup, not resolution;
- cases whose arguments were not literals in NGEC's test file (null) and the fields ``text``, ``pattern``,
  ``code``, ``code_2``, ``source``, which are about NGEC's internals;
- cases whose text holds no term of NGEC's offline vocabularies (a country name or nationality from its
  ``countries.csv``, or an agent word from ``PLOVER_agents.txt``): NGEC itself can code those only through
  Wikipedia (bare person names, companies, misspellings). This rule reads NGEC's data, not our pack, so it
  does not favour cases we happen to know.

The adapter: the whole text is first resolved with ``resolve_actor``; a named organisation, force, group or person
gives the country and the sector. Otherwise the text is scanned for pack actors (longest alias first; a name inside
a longer capitalised name is someone else's), agent words (``agents.csv`` in the pack, started from
``PLOVER_agents.txt`` and extended; regular plurals folded), breakaway regions (``resolve.yaml``) and capitalised
place names (the offline gazetteer). The country is the first actor's, else the first place's, else the context
argument's. The code is a named actor's sector when its name is at least as long as the head agent word (sharpened
by the agent words of its own name: the Federal Security Service is SPY), else the head agent word's code (the
longest, then the last; a generic word such as "group" only alone; ELI after "former" or "retired"), else GOV for a
government (a capital), empty for a bare state (NGEC's convention), UNK for a state beside an unknown noun ("Syrian
island"), CVL for a bare place (NGEC codes towns as civilians). IGOs carry NGEC's pseudo-country codes (UNO, EUR).
"""

from __future__ import annotations

import csv
import functools
import json
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsledger.evaluation import Figures, data_path, print_scores, scorer_parser
from newsledger.model import Place
from newsledger.pack import ActorEntry, Pack, load_pack
from newsledger.stages.places import Gazetteer, build_gazetteer, resolve_place
from newsledger.stages.resolve import (
    Resolver,
    build_resolver,
    find_agent_words,
    head_agent,
    load_agent_words,
    lookup_actor_words,
    normalize_name,
    read_agent_words,
    resolve_actor,
)

DATA_SET = "ngec_actor_resolution"
CASES_FILE = "actor_resolution_cases.jsonl"
NGEC_AGENTS_FILE = "PLOVER_agents.txt"
SCORED_METHODS = ("search_nat", "agent_to_code", "short_text_to_agent")
WIKIPEDIA_FIELDS = frozenset({"wiki", "title", "actor_wiki_job"})
COUNTRY_FIELDS = frozenset({"country", "cc"})
SECTOR_FIELD = "code_1"
# Our pack's sectors in PLOVER agent codes.
SECTOR_CODES = {
    "government": "GOV",
    "military": "MIL",
    "rebel": "REB",
    "igo": "IGO",
    "business": "BUS",
    "civil": "CVL",
    "intelligence": "SPY",
    "legislature": "LEG",
    "judiciary": "JUD",
    "police": "COP",
    "opposition": "OPP",
    "party": "PTY",
    "elite": "ELI",
}
# The agent words in an organisation's own name may say more than its sector ("Federal Security Service" is an
# intelligence service, "United States Congress" a legislature), but only within that sector's reach.
REFINED_CODES = {
    "GOV": frozenset({"GOV", "LEG", "JUD", "COP", "SPY"}),
    "MIL": frozenset({"MIL", "SPY"}),
    "REB": frozenset({"REB", "PRM", "UAF", "INS"}),
    "CVL": frozenset({"CVL", "EDU", "MED", "REL", "NGO", "LAB", "JRN", "AGR", "REF", "OPP", "PTY", "SOC", "HLH"}),
}
MINISTRY_CODES = frozenset({"GOV", "SPY", "COP"})
BREAKAWAY_CODE = "PRE"
UNKNOWN_CODE = "UNK"
# Words that leave a phrase about the state itself ("the Syrian" is the state, "Syrian island" is something else).
FUNCTION_WORDS = frozenset({"a", "an", "of", "in", "and", "from", "to", "its", "their"})
# NGEC gives IGOs pseudo-country codes; these are the pack's UN and EU bodies.
IGO_COUNTRIES = {
    **dict.fromkeys(("UN", "UNSC", "UNGA", "UNHCR", "UNICEF", "UNAMA", "UNIFIL", "UNMISS", "ICJ"), "UNO"),
    **dict.fromkeys(("EU", "EU_COM", "EU_COUNCIL", "EU_PARL"), "EUR"),
}
COUNTRY_STANDINS = frozenset({"state", "government"})
ARE_NOT_AGENTS = COUNTRY_STANDINS | {"igo"}
MAX_WORDS = 8
_CODE = re.compile(r"^(?:[A-Z]{3})?$")
_TOKEN = re.compile(r"\w+(?:'\w+)?")
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y")


@dataclass(frozen=True, slots=True, kw_only=True)
class Case:
    """One scored NGEC case: the call, and the expected country and/or code (None = not scored)."""

    test: str
    method: str
    text: str
    context: str
    on: date | None
    country: str | None
    sectors: tuple[str, ...] | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Coding:
    country: str
    sector: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    start: int
    end: int
    actor: ActorEntry | None = None
    code: str | None = None

    @property
    def size(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Coder:
    """Our resolver, gazetteer and agent words: everything the adapter needs, built once."""

    resolver: Resolver
    gazetteer: Gazetteer
    agents: Mapping[str, str]
    breakaway: frozenset[str]


@dataclass(frozen=True, slots=True)
class NgecRun:
    results: list[tuple[Case, Coding]]
    excluded: int

    @property
    def figures(self) -> Figures:
        countries = [(c, r) for c, r in self.results if c.country is not None]
        sectors = [(c, r) for c, r in self.results if c.sectors is not None]
        country_ok = sum(c.country == r.country for c, r in countries)
        sector_ok = sum(r.sector in (c.sectors or ()) for c, r in sectors)
        return {
            "cases": len(self.results),
            "excluded": self.excluded,
            "country_cases": len(countries),
            "country_accuracy": country_ok / len(countries) if countries else 0.0,
            "sector_cases": len(sectors),
            "sector_accuracy": sector_ok / len(sectors) if sectors else 0.0,
        }


def read_agents(path: Path) -> dict[str, str]:
    """Agent words (folded like names, spaces between words) to PLOVER agent codes such as GOV, MIL, GOVMIL."""
    return read_agent_words(path)


@functools.lru_cache(maxsize=2)
def build_coder(pack: Pack) -> Coder:
    breakaway = frozenset(normalize_name(w) for w in pack.resolve_words.get("breakaway_regions", ()))
    return Coder(build_resolver(pack), build_gazetteer(pack), load_agent_words(pack), breakaway)


def read_ngec_terms(path: Path) -> frozenset[str]:
    """The patterns of NGEC's own agent dictionary (TABARI format), lower case with spaces: substitution sets
    (``!PERSON!``) expanded, irregular plurals in braces kept as patterns of their own."""
    sets: dict[str, list[str]] = {}
    terms: set[str] = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        substitution = re.match(r"^!(\w+)!\s*=\s*(.*)$", line)
        if substitution:
            sets[f"!{substitution.group(1).lower()}!"] = [w.strip().lower() for w in substitution.group(2).split(",")]
            continue
        if "[" not in line:
            continue
        body = line.split("[", 1)[0].lower()
        forms = [body.split("{", 1)[0], *re.findall(r"\{([^}]*)\}", body)]
        for name, words in sets.items():
            forms = [f.replace(name, w) for f in forms for w in words] if any(name in f for f in forms) else forms
        terms.update(" ".join(f.replace("_", " ").split()) for f in forms)
    terms.discard("")
    return frozenset(terms)


def _parse_day(value: Any) -> date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    if value.strip().lower() == "today":
        return date.today()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _singulars(word: str) -> Iterator[str]:
    # PLOVER_agents.txt lists singular nouns and leaves regular plurals to the matcher.
    if word.endswith("ies"):
        yield word[:-3] + "y"
    if word.endswith("es"):
        yield word[:-2]
    if word.endswith("s"):
        yield word[:-1]


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Normalised words with whether each was written capitalised (names, not common nouns)."""
    found = []
    for raw in _TOKEN.findall(text.replace("’", "'")):
        word = normalize_name(raw)
        if word and word != "the":
            found.append((word, raw[:1].isupper()))
    return found


def _scan(words: Sequence[str], lookup: Any) -> list[Match]:
    """Non-overlapping matches, longest first from the left."""
    matches: list[Match] = []
    i = 0
    while i < len(words):
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            match = lookup(i, i + n)
            if match is not None:
                matches.append(match)
                i += n
                break
        else:
            i += 1
    return matches


def _country_of(actor: ActorEntry, coder: Coder) -> str:
    if actor.id in IGO_COUNTRIES:
        return IGO_COUNTRIES[actor.id]
    if actor.country:
        return actor.country
    org = coder.resolver.by_id.get(actor.org or "")
    return (org.country or "") if org else ""


def _sector_of(actor: ActorEntry, coder: Coder) -> str:
    if actor.kind == "state":
        return ""
    words = normalize_name(actor.name).split()
    head = head_agent(find_agent_words(coder.agents, words), words)
    named = head[2][:3] if head is not None else ""
    # NGEC codes every ministry GOV first (a defence ministry is GOV, then MIL); a security service is SPY.
    if actor.kind == "ministry":
        return named if named in MINISTRY_CODES else "GOV"
    sector = SECTOR_CODES.get(actor.sector or "", "")
    return named if named in REFINED_CODES.get(sector, ()) else sector


def _places(coder: Coder, tokens: Sequence[tuple[str, bool]], agents: Sequence[Match]) -> list[Place]:
    """Places named by whole runs of capitalised words: "Santa Marta" is a place, "Juan Carlos Jobet" a person."""
    covered = {i for m in agents for i in range(m.start, m.end)}
    runs: list[list[str]] = []
    previous = -2
    for i, (word, capital) in enumerate(tokens):
        if capital and i not in covered:
            if previous == i - 1:
                runs[-1].append(word)
            else:
                runs.append([word])
            previous = i
    found = (resolve_place(" ".join(run), gazetteer=coder.gazetteer) for run in runs)
    return [place for place in found if place is not None]


def code_agent(coder: Coder, text: str, context: str = "", on: date | None = None) -> Coding:
    """Country and PLOVER agent code for a short actor text, the way NGEC's ``agent_to_code`` reports them."""
    whole = resolve_actor(text, resolver=coder.resolver, on=on)
    if whole.id is not None and whole.kind not in ARE_NOT_AGENTS:
        actor = coder.resolver.by_id[whole.id]
        return Coding(country=_country_of(actor, coder), sector=_sector_of(actor, coder))
    tokens = _tokens(text)
    words = [w for w, _ in tokens]

    def find_actor(i: int, j: int) -> Match | None:
        actor = lookup_actor_words(coder.resolver, words[i:j], on=on, acronym=j - i == 1 and tokens[i][1])
        return Match(start=i, end=j, actor=actor) if actor else None

    def find_breakaway(i: int, j: int) -> Match | None:
        return Match(start=i, end=j, code=BREAKAWAY_CODE) if " ".join(words[i:j]) in coder.breakaway else None

    found = _whole_names(coder, tokens, _scan(words, find_actor))
    actors = [m.actor for m in found if m.actor is not None]
    agents = [Match(start=i, end=j, code=code) for i, j, code in find_agent_words(coder.agents, words)]
    # A breakaway region is a place (its country) and an agent (PRE) at once.
    places = _places(coder, tokens, agents)
    breakaway = _scan(words, find_breakaway)
    agents = sorted(
        [*breakaway, *(a for a in agents if not any(a.start < b.end and b.start < a.end for b in breakaway))],
        key=lambda m: m.start,
    )
    country = next((_country_of(a, coder) for a in actors if _country_of(a, coder)), "")
    if not country and places:
        country = places[0].country or ""
    if not country and context:
        country = code_agent(coder, context, on=on).country
    head = head_agent([(m.start, m.end, m.code or "") for m in agents], words)
    # An IGO's own sector says less than the agent word beside it ("EU legislators", "International Court").
    named = [m for m in found if m.actor is not None and m.actor.kind not in ARE_NOT_AGENTS]
    if named and (head is None or max(m.size for m in named) >= head[1] - head[0]):
        sector = _sector_of(named[0].actor, coder) if named[0].actor else ""
    elif head is not None and head[2]:
        sector = head[2][:3]
    elif any(a.kind == "government" for a in actors):
        sector = "GOV"
    elif actors and _is_about_state(tokens, found):
        sector = ""
    elif actors:
        sector = UNKNOWN_CODE
    elif places:
        sector = "CVL"
    else:
        sector = UNKNOWN_CODE
    return Coding(country=country, sector=sector)


def _whole_names(coder: Coder, tokens: Sequence[tuple[str, bool]], found: Sequence[Match]) -> list[Match]:
    """The matches that are whole names: a name inside a longer capitalised name is another's ("Juan Carlos" in
    "Juan Carlos Jobet", "Self Defense Forces" in "Santa Marta Self Defense Forces")."""
    taken = {i for m in found for i in range(m.start, m.end)}
    not_names = coder.resolver.titles | FUNCTION_WORDS

    def is_other_name(k: int) -> bool:
        return 0 <= k < len(tokens) and tokens[k][1] and k not in taken and tokens[k][0] not in not_names

    # A state's name or demonym modifies the name after it ("Saudi National Guard"): it is kept.
    return [
        m
        for m in found
        if m.actor is None or m.actor.kind == "state" or not (is_other_name(m.start - 1) or is_other_name(m.end))
    ]


def _is_about_state(tokens: Sequence[tuple[str, bool]], found: Sequence[Match]) -> bool:
    """Whether the text names only the state: "Kazakhstan", "the DRC", not "Syrian island" (an unknown noun)."""
    covered = {i for m in found for i in range(m.start, m.end)}
    return all(i in covered or capital or word in FUNCTION_WORDS for i, (word, capital) in enumerate(tokens))


def search_nationality(coder: Coder, text: str) -> str:
    """The country of the first country name or demonym in the text (NGEC's ``search_nat``)."""
    return code_agent(coder, text).country


def _vocabulary(data_dir: Path) -> frozenset[str]:
    """NGEC's offline terms: country names and nationalities from its countries.csv, and its agent words."""
    terms = set(read_ngec_terms(data_dir / NGEC_AGENTS_FILE))
    with (data_dir / "countries.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for name in (row["Name"], *(row.get("Nationality") or "").split(",")):
                if normalize_name(name):
                    terms.add(normalize_name(name))
    return frozenset(terms)


def _has_term(text: str, vocabulary: frozenset[str]) -> bool:
    words = [w for w, _ in _tokens(text)]
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + MAX_WORDS) + 1):
            span = words[i:j]
            if " ".join(span) in vocabulary or any(
                " ".join((*span[:-1], s)) in vocabulary for s in _singulars(span[-1])
            ):
                return True
    return False


def read_cases(data_dir: Path, vocabulary: frozenset[str]) -> tuple[list[Case], int]:
    """The scored cases and how many cases were left out (see the module docstring for the rules)."""
    cases: list[Case] = []
    excluded = 0
    for line in (data_dir / CASES_FILE).read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        call = raw["call"]
        args = list(call.get("args") or [])
        expectations = {str(e["field"]): e for e in raw["expectations"]}
        text = args[0] if args else None
        country = next((e for f, e in expectations.items() if f in COUNTRY_FIELDS and e["op"] == "Eq"), None)
        sector = expectations.get(SECTOR_FIELD)
        usable = (
            call["method"] in SCORED_METHODS
            and isinstance(text, str)
            and not WIKIPEDIA_FIELDS & expectations.keys()
            and (country is not None or sector is not None)
        )
        context = args[1] if len(args) > 1 and isinstance(args[1], str) else ""
        if not usable or not _has_term(f"{text} {context}", vocabulary):
            excluded += 1
            continue
        want_country = country["expected"] if country and _CODE.match(str(country["expected"])) else None
        want_sectors: tuple[str, ...] | None = None
        if sector is not None and sector["op"] in {"Eq", "In"}:
            values = sector["expected"] if sector["op"] == "In" else [sector["expected"]]
            if all(isinstance(v, str) and _CODE.match(v) for v in values):
                want_sectors = tuple(values)
        if want_country is None and want_sectors is None:
            excluded += 1
            continue
        day = _parse_day((call.get("kwargs") or {}).get("query_date") or (args[2] if len(args) > 2 else None))
        cases.append(
            Case(
                test=str(raw["test"]),
                method=call["method"],
                text=str(text),
                context=context,
                on=day,
                country=want_country,
                sectors=want_sectors,
            )  # fmt: skip
        )
    return cases, excluded


def run(data_dir: Path | None = None, pack: Pack | None = None) -> NgecRun:
    folder = data_dir if data_dir is not None else data_path(DATA_SET)
    coder = build_coder(pack or load_pack("security"))
    cases, excluded = read_cases(folder, _vocabulary(folder))
    results = []
    for case in cases:
        if case.method == "search_nat":
            coding = Coding(country=search_nationality(coder, case.text), sector="")
        else:
            coding = code_agent(coder, case.text, case.context, case.on)
        results.append((case, coding))
    return NgecRun(results, excluded)


def score() -> Figures:
    return run().figures


def format_errors(result: NgecRun) -> str:
    lines = ["disagreements (test: text -> ours / expected):"]
    for case, got in result.results:
        bad_country = case.country is not None and case.country != got.country
        bad_sector = case.sectors is not None and got.sector not in case.sectors
        if bad_country or bad_sector:
            want = f"{case.country if case.country is not None else '-'}/{'|'.join(case.sectors or ('-',))}"
            lines.append(f"  {case.test}: {case.text!r} -> {got.country or '∅'}/{got.sector or '∅'}  /  {want}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = scorer_parser(__doc__)
    parser.add_argument("--errors", action="store_true", help="list the cases where we disagree with NGEC's tests")
    args = parser.parse_args(argv)

    def compute() -> tuple[dict[str, Figures], str]:
        result = run()
        return {"ngec": result.figures}, format_errors(result) if args.errors else ""

    return print_scores(compute)


if __name__ == "__main__":
    sys.exit(main())
