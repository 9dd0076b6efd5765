"""Who acted or was targeted, as a known list names them ("Daech" → Islamic State).

Why: the same group is written many ways across languages; the list in
``data/lexicons/actors.yaml`` maps spellings to one name so events from French and English
sources line up. Generic names ("gunmen", "manifestants") are kept only when no specific
group is named.
"""

from __future__ import annotations

from eventmap.events.lexicon import Lexicon, fold, load_lexicon

GENERIC = frozenset({
    "Unidentified Armed Group", "Police Forces", "Military Forces", "Rebel or militant group",
    "Protesters", "Rioters", "Civilians", "Students", "Labour Group",
})


def find_actors(text: str, language: str, *, folded: str | None = None,
                lexicon: Lexicon | None = None) -> list[str]:
    """Normalised actor names in order of first mention, longest spelling winning overlaps."""
    if not text:
        return []
    lex = lexicon or load_lexicon(language)
    hits = lex.actors.find(folded if folded is not None else fold(text), 0, text)
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    names: list[str] = []
    last_end = -1
    for h in hits:
        if h.start < last_end:
            continue
        last_end = h.end
        if h.key not in names:
            names.append(h.key)
    specific = [n for n in names if n not in GENERIC]
    # a named state force makes the generic "Military Forces" redundant, and so on
    if specific:
        keep = [n for n in names if n not in GENERIC or n in ("Civilians", "Protesters", "Students",
                                                               "Labour Group", "Rioters")]
        return keep
    return names
