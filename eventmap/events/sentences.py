"""Sentences of a news text, with headlines and photo captions told apart from the body.

Why: an event is read from one sentence, and where the sentence sits matters — a caption
("... rally ... on March 08, 2019 in Washington, DC. (AFP photo)") carries its own date and
place and must not borrow the article's; a headline repeats a body event in few words.
The splitter is a handful of regular expressions: cheap enough to run on every document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventmap.events.lexicon import fold, load_lexicon

KINDS = ("headline", "caption", "body")

# Tokens after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "cpt", "maj", "gov", "sen", "rep", "pres", "prof", "rev", "jr", "sr", "inc", "co", "corp", "ltd", "no", "nos", "vol", "approx", "est", "dept", "univ", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "cf", "etc", "mm", "mme", "mlle", "me", "mgr", "gal", "cdt", "sgt", "art", "av", "bd", "fig", "p", "pp", "ex", "ca", "al", "e.g", "i.e", "u.s", "u.n", "u.k", "d.c", "a.m", "p.m"]
)
_BOUNDARY = re.compile(r"(?:\.{3}|…|[.!?])+[\"'»”’)\]]*(?=\s+[\"'«“(\[]?[A-ZÀ-ÖØ-Ý0-9])")
_TOKEN_BEFORE = re.compile(r"([\w.'-]+)$")
_TERMINAL = re.compile(r"[.!?…:;»\"”)]\s*$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence and where it sits: offsets into the document, kind, paragraph number."""

    text: str
    start: int
    end: int
    kind: str = "body"  # headline | caption | body
    paragraph: int = 0


_TOKEN_WINDOW = 40  # characters searched for the last token first (tokens are short)


def _last_token(before: str) -> re.Match[str] | None:
    """The trailing token of ``before``, as ``_TOKEN_BEFORE.search(before)`` finds it.

    An end-anchored search tries every start position of the text before the stop, so
    only its last characters are searched; the whole text only when the token fills them.
    """
    window_start = max(0, len(before) - _TOKEN_WINDOW)
    match = _TOKEN_BEFORE.search(before, window_start)
    if match is not None and match.start() == window_start and window_start > 0:
        match = _TOKEN_BEFORE.search(before)  # the token may begin before the window
    return match


def _is_abbreviation(before: str) -> bool:
    match = _last_token(before)
    if not match:
        return False
    token = match.group(1).lower().strip("'")
    if token in _ABBREVIATIONS:
        return True
    core = token.replace(".", "")
    # initials ("George W. Bush", "U.S."), but not a sentence-final digit ("in 2019.")
    return len(core) == 1 and core.isalpha() or ("." in token and len(core) <= 3 and core.isalpha())


def _split_line(line: str, base: int) -> list[tuple[int, int]]:
    """Sentence spans inside one line (offsets into the document)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(line):
        punct_at = m.start()
        if line[punct_at] == "." and not line[m.start():m.end()].startswith("...") \
                and _is_abbreviation(line[start:punct_at]):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(line)))
    out = []
    for s, e in spans:
        seg = line[s:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        if trail > lead:
            out.append((base + s + lead, base + s + trail))
    return out


def _is_caption(line: str, language: str) -> bool:
    if "(" not in line and ":" not in line and "/" not in line:
        return False  # every caption pattern needs one of these: skip the regexes
    folded = fold(line)
    return any(p.search(folded) for p in load_lexicon(language).caption_patterns)


def _is_headline(line: str, index: int, max_words: int) -> bool:
    words = line.split()
    if not words or len(words) > max_words:
        return False
    if _TERMINAL.search(line):
        return index == 0 and len(words) <= max_words // 2 and not line.rstrip().endswith(".")
    return True


def split_sentences(text: str, language: str = "und") -> list[Sentence]:
    """The sentences of ``text`` in order, each with its offsets and kind.

    A line is a caption when it ends like one ("(AFP photo)", "Photo: …") and is then kept
    whole; a short line without final punctuation is a headline; everything else is body
    text split at sentence ends (abbreviations and initials are not ends).
    """
    if not text or not text.strip():
        return []
    max_words = int(load_lexicon(language).settings.get("headline_max_words", 20))
    out: list[Sentence] = []
    paragraph = 0
    pos = 0
    line_index = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        base = pos
        pos += len(raw)
        if not line.strip():
            paragraph += 1
            continue
        lead = len(line) - len(line.lstrip())
        stripped = line.strip()
        if _is_caption(stripped, language):
            s = base + lead
            out.append(Sentence(stripped, s, s + len(stripped), "caption", paragraph))
        elif _is_headline(stripped, line_index, max_words):
            s = base + lead
            out.append(Sentence(stripped, s, s + len(stripped), "headline", paragraph))
        else:
            for s, e in _split_line(line, base):
                out.append(Sentence(text[s:e], s, e, "body", paragraph))
        line_index += 1
        paragraph += 1
    return out
