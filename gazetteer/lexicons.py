"""Language data kept as data: lexicons and the curated supplement under ``data/gazetteer/``.

Why a module: the matcher and ranker need these word lists (titles, speech verbs, months,
cues, common words) and the index builder needs the supplement, demonyms and abbreviations;
all are read from plain files so linguists can edit them without touching code.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from gazetteer.datafiles import data_path
from gazetteer.normalize import fold


def data_dir() -> Path:
    """Folder of the gazetteer's data files (``$EVENTMAP_GAZETTEER_DATA`` overrides)."""
    env = os.environ.get("EVENTMAP_GAZETTEER_DATA")
    if env:
        return Path(env)
    return data_path("gazetteer")


# The data files the index is built from (the word lists are read at run time instead, so
# editing them never forces a rebuild).
INDEX_FILES = ("supplement.csv", "aliases.csv", "demonyms.csv", "abbreviations.csv",
               "country_points.csv")


def data_files() -> list[Path]:
    """The data files the index depends on (its fingerprint is built from them)."""
    return [data_dir() / name for name in INDEX_FILES]


def _data_lines(name: str) -> Iterator[str]:
    """The lines of a data file, without comments ("# …") and blank lines, stripped."""
    with open(data_dir() / name, encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if line:
                yield line


def _words(name: str) -> frozenset[str]:
    return frozenset(fold(line) for line in _data_lines(name))


@cache
def person_titles() -> frozenset[str]:
    """Words before a name that make it a person ("Speaker", "général", "M.")."""
    return _words("person_titles.txt")


@cache
def speech_verbs() -> frozenset[str]:
    """Verbs after a name that make it a person ("said", "a déclaré")."""
    return _words("speech_verbs.txt")


@cache
def calendar_words() -> frozenset[str]:
    """Month and day names: capitalised, they are dates."""
    return _words("calendar_words.txt")


@cache
def capital_money_words() -> frozenset[str]:
    """Nouns after "capital" that make it money or law ("capital flows", "capital punishment")."""
    return _words("capital_money_words.txt")


@cache
def toponym_cues() -> frozenset[str]:
    """Prepositions and nouns that announce a place ("in", "à", "province")."""
    return _words("toponym_cues.txt")


@cache
def generic_words() -> frozenset[str]:
    """Generic geographic words ("East", "Central"): weak evidence of a place on their own."""
    return _words("generic_words.txt")


@cache
def institution_words() -> frozenset[str]:
    """Words after a place that make it part of a name ("Ohio State University")."""
    return _words("institution_words.txt")


@cache
def premises_words() -> frozenset[str]:
    """Words after a place that make the phrase a building's or a campus's name ("Minya
    University", "Bardo Museum")."""
    return _words("premises_words.txt")


@cache
def institution_prefixes() -> frozenset[str]:
    """Words before a place that make it part of a name ("Radio Pyongyang", "Voice of
    America")."""
    return _words("institution_prefixes.txt")


@cache
def eponym_words() -> frozenset[str]:
    """Words after a place that make the phrase a thing named after it ("Marburg virus")."""
    return _words("eponym_words.txt")


@cache
def source_cues() -> frozenset[str]:
    """Phrases before a name that make it a source ("according to")."""
    return _words("source_cues.txt")


@cache
def feature_words() -> frozenset[str]:
    """Words after a name that make the phrase a feature's name ("Salinas Valley")."""
    return _words("feature_words.txt")


@dataclass(frozen=True, slots=True)
class Spellings:
    """How the names of one family of places vary in writing (``arabic_spellings.txt``)."""

    countries: frozenset[str]  # ISO alpha-2 codes of the places concerned
    endings: tuple[str, ...]  # written forms of one ending, longest first
    same: tuple[tuple[str, str], ...]  # (written, sound): letters written for one sound


@cache
def arabic_spellings() -> Spellings:
    """Romanisations of Arabic place names ("Menoufia", "Monufia", "Al Minufiyah")."""
    rows: dict[str, list[list[str]]] = {"country": [], "ending": [], "same": []}
    for line in _data_lines("arabic_spellings.txt"):
        parts = line.split()
        if parts[0] in rows:
            rows[parts[0]].append(parts[1:])
    return Spellings(
        countries=frozenset(r[0].upper() for r in rows["country"]),
        endings=tuple(sorted((r[0] for r in rows["ending"]), key=len, reverse=True)),
        same=tuple((r[0], r[1]) for r in rows["same"]),
    )


@cache
def type_words() -> dict[str, frozenset[str]]:
    """Words that say what kind of place a name is: "admin" ("province", "governorate")
    and "city" ("town", "village") -> their folded words."""
    out: dict[str, set[str]] = {"admin": set(), "city": set()}
    for group, word, _ in _type_rows():
        out[group].add(word)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def division_kinds() -> dict[str, frozenset[str]]:
    """Folded word of a division's kind -> the kinds it names, as the divisions have them
    ("etat" -> {"state"}, "province" -> {"province", "governorate"})."""
    return {word: kinds for group, word, kinds in _type_rows() if group == "admin"}


@cache
def _type_rows() -> list[tuple[str, str, frozenset[str]]]:
    """(group, folded word, kinds) of ``type_words.txt``; the kind is the word when unsaid."""
    rows = []
    for line in _data_lines("type_words.txt"):
        parts = line.split()
        if len(parts) in (2, 3) and parts[0] in ("admin", "city"):
            word = fold(parts[1])
            kinds = parts[2].split("|") if len(parts) == 3 else [word]
            rows.append((parts[0], word, frozenset(kinds)))
    return rows


@cache
def kind_words() -> frozenset[str]:
    """All the words of ``type_words``: capitalised, they are no part of a person's name."""
    return frozenset().union(*type_words().values())


COMMON_LANGUAGES = ("en", "fr")  # the languages of common_words.tsv's columns
# In a text of one language, the other's words (captions, quoted names: "the East Steps of
# the Capitol" in a French article) count as this much less common.
OTHER_LANGUAGE_DISCOUNT = 0.5


@cache
def _common_rows() -> list[list[str]]:
    """``common_words.tsv`` split into columns, read once for every language."""
    with open(data_dir() / "common_words.tsv", encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh if not line.startswith("#")]


@cache
def common_words(language: str | None = None) -> dict[str, float]:
    """Zipf frequency of ordinary words, folded: the max of English and French, or with
    ``language`` ("en", "fr") that language's, the other's discounted ("Esperance" is a town
    in English text, a noun in French). Any other language gets the max of both."""
    return _common_words_in(language if language in COMMON_LANGUAGES else None)


@cache
def _common_words_in(language: str | None) -> dict[str, float]:
    col = COMMON_LANGUAGES.index(language) + 2 if language in COMMON_LANGUAGES else 1
    out: dict[str, float] = {}
    for cols in _common_rows():
        if len(cols) <= col or not cols[0]:
            continue
        if col == 1:
            z = float(cols[1])
        else:
            others = [float(c) for i, c in enumerate(cols[2:], 2) if i != col]
            z = max([float(cols[col])] + [o - OTHER_LANGUAGE_DISCOUNT for o in others])
        if z > 0.0:
            out[cols[0]] = z
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV data file as dicts (comment lines starting with "#" are skipped)."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    return [dict(r) for r in csv.DictReader(lines)]
