"""Bad input fails with one clear BadInput naming the input, never a crash."""

from __future__ import annotations

import pytest

from gazetteer import BadInput, GazetteerError
from gazetteer.validate import MAX_TEXT_CHARS, as_text


def test_empty_text_has_no_places(gaz) -> None:
    assert gaz.parse("") == []
    assert gaz.parse("   \n\t") == []


def test_empty_query_is_refused(gaz) -> None:
    with pytest.raises(BadInput, match="query"):
        gaz.geocode("")


def test_utf8_bytes_are_accepted(gaz) -> None:
    ms = gaz.parse("Les troupes ont quitté Bagdad.".encode())
    assert [m.text for m in ms] == ["Bagdad"]


def test_non_utf8_bytes(gaz) -> None:
    with pytest.raises(BadInput, match=r"article\.txt: not UTF-8.*offset 17"):
        gaz.parse("Les troupes ont q\xfaitté Bagdad".encode("latin-1"), source="article.txt")


def test_binary(gaz) -> None:
    blob = bytes(range(256)) * 10
    with pytest.raises(BadInput) as exc:
        gaz.parse(blob, source="photo.jpg")
    assert "photo.jpg" in str(exc.value)
    with pytest.raises(BadInput, match="binary"):
        gaz.parse("GIF89a\x00\x00\x01\x02 Bagdad", source="x.gif")


def test_not_text(gaz) -> None:
    with pytest.raises(BadInput, match="expected text"):
        gaz.parse(12345)  # type: ignore[arg-type]


def test_errors_are_builtin_too() -> None:
    # plain `except ValueError` keeps working (geopy's pattern)
    assert issubclass(BadInput, ValueError) and issubclass(BadInput, GazetteerError)


def test_fifty_megabytes_is_refused_with_the_documented_cap(gaz) -> None:
    big = "Bagdad et Washington. " * (50_000_000 // 22)
    assert len(big) > MAX_TEXT_CHARS
    with pytest.raises(BadInput, match=r"big\.txt: .* more than the limit of 10,000,000"):
        gaz.parse(big, source="big.txt")


def test_cap_can_be_raised_for_a_big_text(gaz) -> None:
    text = "Des convois ont été frappés à Bagdad. " * 30_000  # ~1.1 MB, bounded time
    ms = gaz.parse(text, max_chars=2_000_000)
    assert len(ms) == 30_000 and {m.name for m in ms} == {"Baghdad"}


def test_as_text_limits() -> None:
    with pytest.raises(BadInput):
        as_text("x" * 11, what="q", max_chars=10)
    assert as_text("ok", what="q") == "ok"
