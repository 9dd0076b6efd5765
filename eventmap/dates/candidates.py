"""The cheap pre-filter: compiled regexes, built from a lexicon, that find candidate spans.

Why: dateparser's ``search_dates`` costs 10–20 ms per 500 characters; a handful of regexes over
a folded copy of the text finds every span worth resolving in a fraction of a millisecond.
The grammar (which words go where) lives here; the words themselves live in ``data/dates``.
Each candidate carries named fields (day, month, weekday, period…) that ``resolve`` interprets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from eventmap.dates.lexicon import Lexicon, available_languages, fold, load_lexicon


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span of the text that looks like a time expression, with its grammar fields (folded)."""

    rule: str
    language: str  # whose lexicon reads the fields ("March 08, 2019" in a French text is English)
    start: int
    end: int
    fields: dict[str, str]


def _piece(ch: str) -> str:
    """Regex for one character of a folded lexicon word (the text is folded the same way)."""
    if ch == " ":
        return r"\s+"
    if ch == "-":
        return r"[-\s]?"
    if ch == "'":
        return r"'\s*"
    return re.escape(ch)


def _alt(words: Iterable[str]) -> str:
    """One regex matching any of the words, as a trie: longest first, and fast.

    Python's ``re`` tries the branches of a flat alternation one by one at every position;
    factoring the common prefixes lets it reject most positions on the first character.
    """
    trie: dict[str, dict] = {}
    for word in {str(w) for w in words if str(w)}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return r"(?!x)x"  # matches nothing

    def emit(node: dict[str, dict]) -> str:
        branches = [_piece(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
        return body

    return "(?:" + emit(trie) + ")"


_B = r"(?<![\w])"  # start of a word
_E = r"(?![\w])"  # end of a word


def _grammar(lex: Lexicon, *, absolute_only: bool = False) -> dict[str, str]:
    """The rules of one language, each a regex with named groups.

    ``absolute_only``: just the dates with a month name and a year, which read the same in any
    text (a French article quoting an English photo caption "March 08, 2019").
    """
    wd = _alt(lex.weekdays)
    mf = _alt(lex.months)
    ma = _alt({**lex.months, **lex.month_abbreviations})
    ordinal = _alt(lex.ordinal_suffixes)
    day = rf"(?<![\d.,/:])(?P<day>[0-3]?\d)(?:{ordinal})?"
    year = r"(?P<year>(?:1[5-9]|20)\d{2})(?![\d])(?![.,/:]\d)"
    this = _alt(lex.this_words)
    direction = _alt(lex.past_words + lex.future_words)
    bound = _alt(lex.until_words + lex.since_words)
    lead = _alt(lex.day_articles)
    parts = _alt(lex.parts_of_day)
    connectors = _alt(lex.part_connectors)
    mparts = _alt(lex.month_parts)
    num = rf"(?P<num>{_alt(lex.numbers)}|{_alt(lex.fuzzy_numbers)}|\d{{1,3}})"
    units = rf"(?P<unit>{_alt(lex.units)})"
    not_of = rf"(?!\s+{_alt(lex.of_words)}(?:(?<=')|{_E}))"

    year_part = rf"\s*,?\s*{year}" if absolute_only else rf"(?:\s*,?\s*{year})?"
    range_to = rf"{_alt(lex.range_to)}\s|[-–]"
    pre = rf"(?:(?P<bound>{bound})\s+)?(?:(?P<lead>{lead})\s+)?(?:(?P<this>{this})\s+)?"
    pre_wd = rf"(?:(?P<weekday>{wd})\s*,?\s+)?"
    post_dir = rf"(?:\s+(?P<dir>{direction}))?"
    rules: dict[str, str] = {
        # "jeudi 9 décembre", "le 26 juillet dernier", "3 janvier 2020", "8th of March 2019"
        "day_month": rf"{pre}{pre_wd}{day}\s+(?:of\s+|de\s+)?(?P<month>{ma})"
        rf"{year_part}{post_dir}",
        # "mars 2020", "début mars 2020", "au mois de janvier 2016", "March of 2019"
        "month_year": rf"(?:(?P<bound>{bound})\s+)?"
        rf"(?:(?P<mprep>{_alt(lex.month_prepositions)})\s+)?(?:(?P<mpart>{mparts})\s*)?(?P<month>{ma})\s+(?:of\s+)?{year}",
        # "du 24 au 26 mars 1999", "dans la nuit du 6 au 7 mai", "24-26 March 2019"
        "day_range": rf"(?:(?P<rfrom>{_alt(lex.range_from)})\s+)?{day}\s*(?:{range_to})\s*"
        rf"(?P<day2>[0-3]?\d)(?:{ordinal})?\s+(?:of\s+|de\s+)?(?P<month>{ma}){year_part}",
        # "en mars", "mi-décembre", "en mars dernier", "last March"
        "month": rf"(?:(?P<bound>{bound})\s+)?(?:(?P<mprep>{_alt(lex.month_prepositions)})\s+"
        rf"|(?P<mpart>{mparts})\s*|(?P<predir>{direction})\s+)(?P<month>{mf}){post_dir}",
        # "en 2014", "depuis 2014", "in 2014"
        "year": rf"(?:(?P<bound>{bound})\s+)?(?P<yprep>{_alt(lex.year_prepositions)})\s*{year}",
        # "entre 2014 et 2016", "de 2014 à 2016", "2014-2016"
        "year_range": rf"(?P<rfrom>{_alt(lex.range_from + lex.since_words)})\s+{year}"
        rf"\s*(?:{range_to})\s*(?P<year2>(?:1[5-9]|20)\d{{2}})(?!\d)",
        "year_dash": rf"{year}\s*[-–/]\s*(?P<year2>(?:1[5-9]|20)\d{{2}})(?![\d.,/:-])",
        # "12/11/2021", "2021-12-09"
        "numeric": rf"{pre}(?<![\d/.\-])(?P<numeric>\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}})"
        r"|\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2})(?![\d/]|[.\-]\d)",
        # "le 12/11" (with an article, else too often a score or a fraction)
        "numeric_dm": rf"(?:(?P<bound>{bound})\s+)?(?P<lead>{lead})\s+"
        r"(?P<dm>\d{1,2}/\d{1,2})(?![\d/]|[.\-]\d)",
        # "ce jeudi", "jeudi dernier", "lundi soir", "last Tuesday", "Monday night"
        "weekday": rf"(?:(?P<bound>{bound})\s+)?(?:(?P<wpart>{_alt(lex.weekday_parts)})\s+)?"
        rf"(?:(?P<this>{this})\s+|(?P<predir>{direction})\s+)?(?P<weekday>{wd})"
        rf"(?:\s+(?P<part>{parts}))?{post_dir}",
        # "dans la nuit de mercredi à jeudi", "from Monday to Wednesday"
        "weekday_range": rf"(?:(?P<wpart>{_alt(lex.weekday_parts)})\s+|(?P<rfrom>"
        rf"{_alt(lex.range_from)})\s+)?(?P<weekday>{wd})\s+(?:{_alt(lex.range_to)})\s+"
        rf"(?P<weekday2>{wd})",
        # "hier soir", "avant-hier", "aujourd'hui", "yesterday afternoon"
        "relative_day": rf"(?:(?P<bound>{bound})\s+)?(?P<relday>{_alt(lex.relative_days)})"
        rf"(?:\s*,?\s+(?:{connectors}\s*)?(?P<part>{parts}))?",
        # "ce matin", "cette nuit", "last night"
        "part_of_day": rf"(?P<thispart>{_alt(lex.this_part_of_day)})",
        # "la semaine dernière", "ces derniers jours", "earlier this month"
        "period": rf"(?:(?P<bound>{bound})\s+)?(?P<period>{_alt(lex.periods)})",
        # "le lendemain", "the next day" (but not "la veille de l'élection")
        "anaphor": rf"(?P<anaphor>{_alt(lex.anaphoric_days)}){not_of}",
        # "trois jours plus tard", "two days later"
        "shift": rf"{num}\s+{units}\s+(?P<shift>{_alt(lex.later_after + lex.earlier_after)})"
        rf"{not_of}",
    }
    if lex.date_order == "MDY":
        # "March 8, 2019", "Thursday, December 9", "Dec. 9th"
        rules["month_day"] = (
            rf"{pre}{pre_wd}(?P<month>{ma})\s+{day}(?![\d:]){year_part}"
        )
        # "March 24-26, 1999", "March 24 to 26"
        rules["month_day_range"] = (
            rf"(?:(?P<rfrom>{_alt(lex.range_from)})\s+)?(?P<month>{ma})\s+{day}\s*(?:{range_to})\s*"
            rf"(?P<day2>[0-3]?\d)(?:{ordinal})?(?![\d:]){year_part}"
        )
    if absolute_only:
        keep = ("day_month", "month_day", "month_year", "day_range", "month_day_range")
        return {k: v for k, v in rules.items() if k in keep}
    if lex.since_duration_words:  # "depuis deux semaines", "cela fait six semaines"
        rules["since_duration"] = (
            rf"(?P<bound>{_alt(lex.since_duration_words)})\s+{num}\s+{units}"
        )
    if lex.year_of_words:  # "la crise de 2008," / "the elections of 2003 were"
        rules["year_of"] = (
            rf"(?:(?<=')|(?<![\w]))(?P<yof>{_alt(lex.year_of_words)})\s*{year}"
            rf"(?=\s*[,.;:!?)»\"]|\s*$|\s+{_alt(lex.year_followers)}{_E})"
        )
    if lex.ago_before:
        rules["ago"] = rf"(?P<ago>{_alt(lex.ago_before)})\s+{num}\s+{units}"
    if lex.ago_after:
        rules["ago_after"] = rf"{num}\s+{units}\s+(?P<ago>{_alt(lex.ago_after)})"
    return rules


@cache
def grammar(language: str) -> list[tuple[str, str, re.Pattern[str]]]:
    """(rule, language, regex) of ``language``, plus the other languages' absolute dates."""
    out = [(name, language, re.compile(_B + body + _E))
           for name, body in _grammar(load_lexicon(language)).items()]
    for other in available_languages():
        if other != language:
            out += [(name, other, re.compile(_B + body + _E))
                    for name, body in _grammar(load_lexicon(other), absolute_only=True).items()]
    return out


# Which pre-filter hits each rule needs: a rule only runs in windows around those hits.
RULE_TRIGGERS: dict[str, tuple[str, ...]] = {
    "day_month": ("month",),
    "month_day": ("month",),
    "month_year": ("month",),
    "day_range": ("month",),
    "month_day_range": ("month",),
    "month": ("month",),
    "year": ("number",),
    "year_range": ("number",),
    "year_dash": ("numdate",),
    "year_of": ("number",),
    "numeric": ("numdate",),
    "numeric_dm": ("numdate",),
    "weekday": ("weekday",),
    "weekday_range": ("weekday",),
    "relative_day": ("word",),
    "part_of_day": ("word",),
    "period": ("word", "unit"),
    "anaphor": ("word", "unit"),
    "shift": ("unit",),
    "since_duration": ("unit",),
    "ago": ("unit",),
    "ago_after": ("unit",),
}
WINDOW_BEFORE = 48  # "jusqu'à la fin de ce mercredi 31" fits before its month
WINDOW_AFTER = 40


@cache
def trigger(language: str) -> re.Pattern[str]:
    """The pre-filter: a number or a core date word, in one pass, its class as the group name.

    Every rule's match contains a hit of the class the rule needs (RULE_TRIGGERS).
    """
    lex = load_lexicon(language)
    months: set[str] = set()
    for lang in available_languages():  # other languages' months: their absolute dates
        other = load_lexicon(lang)
        months.update(other.months, other.month_abbreviations)
    words: set[str] = set()
    for phrase in (*lex.relative_days, *lex.this_part_of_day, *lex.periods, *lex.anaphoric_days,
                   *lex.parts_of_day):
        words.update(w for w in phrase.replace("'", " ").split() if len(w) > 3)
    words -= set(lex.past_words) | set(lex.future_words) | set(lex.this_words)
    words -= {w for w in words if w in set(lex.units)}
    return re.compile(
        rf"{_B}(?:(?P<numdate>\d{{1,4}}[/.\-–]\d+)|(?P<number>\d+)"
        rf"|(?P<month>{_alt(months)})|(?P<weekday>{_alt(lex.weekdays)})"
        rf"|(?P<unit>{_alt(lex.units)})|(?P<word>{_alt(words)})){_E}"
    )


def windows(text: str, language: str) -> dict[str, list[tuple[int, int]]]:
    """For each trigger class, merged spans of text around its hits, not cutting words."""
    spans: dict[str, list[tuple[int, int]]] = {}
    n = len(text)
    for m in trigger(language).finditer(text):
        cls = m.lastgroup or ""
        lo = max(0, m.start() - WINDOW_BEFORE)
        hi = min(n, m.end() + WINDOW_AFTER)
        while hi < n and not text[hi].isspace():  # a rule must see where a word ends
            hi += 1
        own = spans.setdefault(cls, [])
        if own and lo <= own[-1][1]:
            own[-1] = (own[-1][0], hi)
        else:
            own.append((lo, hi))
    return spans


def _rule_spans(spans: dict[str, list[tuple[int, int]]], rule: str) -> list[tuple[int, int]]:
    classes = RULE_TRIGGERS.get(rule, ())
    if len(classes) == 1:
        return spans.get(classes[0], [])
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(x for c in classes for x in spans.get(c, [])):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def _capitalised_month_ok(text: str, m: re.Match[str]) -> bool:
    """English months are capitalised: "may" and "march" written in lower case are verbs."""
    start, end = m.span("month")
    written = text[start:end]
    return not written[:1].islower()


_LAST_WORD = re.compile(r"(\w+)\W*$")


def _after_quantity_word(folded: str, start: int, lex: Lexicon) -> bool:
    """"un total de 2000": a count, not the year 2000."""
    m = _LAST_WORD.search(folded, max(0, start - 24), start)
    return m is not None and m.group(1) in lex.quantity_words


def find_candidates(text: str, language: str) -> list[Candidate]:
    """Non-overlapping candidate spans in text order (the longest wins where rules overlap)."""
    folded = fold(text)
    spans = windows(folded, language)
    if not spans:
        return []
    found: list[Candidate] = []
    for name, lang, pattern in grammar(language):
        lex = load_lexicon(lang)
        matches = (m for lo, hi in _rule_spans(spans, name)
                   for m in pattern.finditer(folded, lo, hi))
        for m in matches:
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            if "month" in groups and lex.months_capitalised and not _capitalised_month_ok(text, m):
                continue
            start, end = m.span()
            if name == "year_of" and _after_quantity_word(folded, start, lex):
                continue
            if "lead" in groups:
                start = m.end("lead")
                while start < end and folded[start].isspace():
                    start += 1
                if "bound" in groups:  # "jusqu'au le …" cannot happen; keep the bound
                    start = m.start()
            found.append(Candidate(name, lang, start, end, groups))
    found.sort(key=lambda c: (c.start - c.end, c.start))
    kept: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in found:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        kept.append(c)
        taken.append((c.start, c.end))
    kept.sort(key=lambda c: c.start)
    return _drop_vague_before_dates(kept, folded)


# A day named right after a vague part of the day is the day it means: "overnight between 22 and
# 23 March", "in the evening of 3 March", "dans la soirée du 3 mars".
VAGUE_RULES = ("part_of_day", "anaphor")
DATED_RULES = ("day_month", "month_day", "day_range", "month_day_range", "numeric", "weekday",
               "weekday_range")
_VAGUE_GAP = re.compile(r"[^.;!?\n]{0,16}")


def _drop_vague_before_dates(cands: list[Candidate], folded: str) -> list[Candidate]:
    out = []
    for c, nxt in zip(cands, [*cands[1:], None], strict=False):
        if (c.rule in VAGUE_RULES and nxt is not None and nxt.rule in DATED_RULES
                and _VAGUE_GAP.fullmatch(folded, c.end, nxt.start)):
            continue
        out.append(c)
    return out
