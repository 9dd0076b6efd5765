"""Unknown place names of a text, asked of the online geocoder the user configured.

Why: no offline gazetteer lists every village a conflict report names; a user with a
self-hosted Nominatim or Photon (``eventmap ingest --online URL``) can have them placed.
Only names the text introduces as places ("in Tangounga") are asked, each once per text,
narrowed to the country the text is about (the focus country, else the one it names most),
and an answer no finer than that country is not taken: the offline country-level
placement already says as much. The geocoder caches and rate-limits its requests.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from eventmap.events.lexicon import fold
from eventmap.events.location import main_country
from eventmap.events.unknown_places import unknown_places

if TYPE_CHECKING:
    from gazetteer import Gazetteer, Mention

ONLINE_CONFIDENCE = 0.5  # a name found online: right more often than not, worth a review


def with_online_places(text: str, language: str, mentions: Sequence[Mention],
                       gazetteer: Gazetteer) -> list[Mention]:
    """``mentions`` and, in text order among them, those ``online_mentions`` adds."""
    extra = online_mentions(text, language, mentions, gazetteer)
    return sorted([*mentions, *extra], key=lambda m: m.start) if extra else list(mentions)


def online_mentions(text: str, language: str, mentions: Sequence[Mention],
                    gazetteer: Gazetteer) -> list[Mention]:
    """Mentions for the text's unknown place names that the online geocoder resolves.

    Empty when the gazetteer has no online fallback or the text's country is unknown.
    """
    from gazetteer import Mention, Place

    if not gazetteer.has_online:
        return []
    focus = sorted(gazetteer.focus_countries)
    cc = focus[0] if len(focus) == 1 else main_country(mentions)
    country = gazetteer.country_name(cc) if cc else None
    if cc is None or country is None:
        return []
    out: list[Mention] = []
    answers: dict[str, Place | None] = {}
    for name in unknown_places(text, fold(text), 0, len(text), mentions, language):
        key = fold(name.text)
        if key not in answers:
            loc = gazetteer.geocode(f"{name.text}, {country}", country_codes=cc)
            if isinstance(loc, list):  # exactly_one is the default: never, but typed so
                loc = loc[0] if loc else None
            raw = loc.raw if loc is not None and isinstance(loc.raw, dict) else {}
            answers[key] = None if loc is None or _coarse(raw) else Place(
                key=f"online:{cc.lower()}:{key}", name=name.text, lat=float(loc.latitude),
                lon=float(loc.longitude), country_code=cc, feature="city",
                source=str(raw.get("source") or "geonames"),
            )
        place = answers[key]
        if place is not None:
            out.append(Mention(name.text, name.start, name.end, place, ONLINE_CONFIDENCE))
    return out


def _coarse(raw: dict[str, Any]) -> bool:
    """An answer for the country (or a division) rather than the place asked for: the
    offline gazetteer's coarser match, or a geocoder's country (Nominatim, Photon)."""
    if raw.get("coarser_than_query"):
        return True
    props = raw.get("properties")
    if not isinstance(props, dict):
        props = {}
    kinds = {raw.get("addresstype"), raw.get("type"), props.get("type"), raw.get("feature")}
    return bool(kinds & {"country", "state", "admin1", "region"})
