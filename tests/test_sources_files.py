"""Files, folders and standard input: good files read, each bad one skipped with its reason."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import sys
from pathlib import Path

import pytest

from eventmap.errors import BadInput
from eventmap.model import Document
from eventmap.sources import Skipped, base, read_bytes_as_text, read_inputs, read_path

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
FR = ("Des affrontements ont opposé mardi l'armée à des combattants près de Tal Afar, à "
      "l'ouest de Mossoul, selon un responsable local.")
EN = ("Clashes broke out on Tuesday between the army and fighters near Tal Afar, west of "
      "Mosul, a local official said.")
UNDECODABLE = bytes(range(0x80, 0x100)) * 8  # no charset reads this as text


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def split(items: list[Document | Skipped]) -> tuple[list[Document], dict[str, str]]:
    docs = [i for i in items if isinstance(i, Document)]
    skipped = {Path(s.input).name: s.reason for s in items if isinstance(s, Skipped)}
    return docs, skipped


def test_text_file(tmp_path: Path) -> None:
    path = write(tmp_path / "clash.txt", EN + "\n")
    [doc] = read_path(path)
    assert doc.text == EN + "\n"
    assert (doc.kind, doc.language, doc.path, doc.title) == ("text", "en", str(path), None)


def test_markdown_file_with_front_matter() -> None:
    [doc] = read_path(FIXTURES / "beyrouth_fr.md")
    assert doc.kind == "markdown"
    assert doc.title == "Explosion au port de Beyrouth"
    assert doc.published == dt.date(2020, 8, 5)
    assert doc.url == "https://example.org/fr/beyrouth-port"
    assert doc.language == "fr"
    assert not doc.text.startswith("---") and "published:" not in doc.text


def test_callers_date_applies_only_where_the_source_has_none() -> None:
    given = dt.date(2022, 1, 1)
    docs = {Path(d.path or "").name: d for d in read_inputs([str(FIXTURES)], published=given)
            if isinstance(d, Document)}
    assert docs["mosul_en.txt"].published == given
    assert docs["beyrouth_fr.md"].published == dt.date(2020, 8, 5)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n\t\n", "empty"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), "binary file (PNG image)"),
        ("dump.txt", bytes(range(256)) * 40, "binary file"),
        ("report.html", b"%PDF-1.7\n" + bytes(100), "binary file (PDF)"),
        ("garbled.txt", UNDECODABLE, "not UTF-8 text and no charset detected"),
        ("broken.rss", b"<rss><channel><item><title>x", "not a valid RSS/Atom feed"),
        ("empty.atom", b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>',
         "feed has no items"),
    ],
)
def test_bad_file_gives_one_clear_reason(tmp_path: Path, name: str, data: bytes,
                                         reason: str) -> None:
    path = write(tmp_path / name, data)
    with pytest.raises(BadInput) as caught:
        read_path(path)
    assert caught.value.reason.startswith(reason)
    assert str(path) in str(caught.value)
    [skipped] = list(read_inputs([str(path)]))
    assert isinstance(skipped, Skipped) and skipped.reason.startswith(reason)


def test_legacy_encodings_are_decoded(tmp_path: Path) -> None:
    latin = write(tmp_path / "latin.txt", FR.encode("cp1252"))
    utf16 = write(tmp_path / "utf16.txt", FR.encode("utf-16"))  # with its BOM, full of NULs
    assert read_path(latin)[0].text == FR
    assert read_path(utf16)[0].text == FR


def test_file_above_the_size_cap_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    monkeypatch.setattr(base, "MAX_FILE_BYTES", 1024 * 1024)
    big = write(tmp_path / "big.txt", (EN + "\n") * 20_000)
    [skipped] = list(read_inputs([str(big)]))
    assert skipped == Skipped(str(big), "too large (> 1 MB)")


def test_default_size_cap_is_documented() -> None:
    assert base.MAX_FILE_BYTES == 20 * 1024 * 1024


def test_folder_mixing_good_and_bad_files(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    write(folder / "a_fr.txt", FR)
    write(folder / "nested" / "deeper" / "b_en.md", EN)
    shutil.copy(FIXTURES / "news.rss", folder / "nested" / "news.rss")
    shutil.copy(FIXTURES / "hostile_page.html", folder / "page.htm")
    write(folder / "empty.txt", b"")
    write(folder / "garbled.txt", UNDECODABLE)
    write(folder / "binary.md", bytes(range(256)) * 10)
    write(folder / "scan.pdf", b"%PDF-1.4\n")
    write(folder / "README", "no extension")
    write(folder / ".hidden.txt", EN)  # hidden entries are passed over
    write(folder / ".git" / "HEAD", "ref: refs/heads/main")
    docs, skipped = split(list(read_inputs([str(folder)])))
    assert sorted(d.kind for d in docs) == ["feed-item"] * 3 + ["html", "markdown", "text"]
    assert skipped == {
        "empty.txt": "empty",
        "garbled.txt": "not UTF-8 text and no charset detected",
        "binary.md": "binary file",
    }  # scan.pdf and README are not document types: passed over quietly in a folder
    # the same documents through read_path, which logs the bad files instead
    assert [d.id for d in read_path(folder)] == [d.id for d in docs]


def test_special_files_are_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block the run
    assert list(read_inputs([str(fifo)])) == [Skipped(str(fifo), "not a regular file")]


def test_folder_order_is_stable(tmp_path: Path) -> None:
    for name in ("c.txt", "a.txt", "b/z.txt", "b/a.txt"):
        write(tmp_path / name, f"{name}: {EN}")
    paths = [d.path for d in read_path(tmp_path)]
    assert paths == [str(tmp_path / n) for n in ("a.txt", "c.txt", "b/a.txt", "b/z.txt")]


def test_empty_folder_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "nothing").mkdir()
    items = list(read_inputs([str(tmp_path / "nothing"), str(tmp_path / "absent.txt"), "",
                              "bad\x00name.txt", str(tmp_path / ("x" * 300 + ".txt"))]))
    assert [s.reason for s in items if isinstance(s, Skipped)] == [
        "folder has no files of a supported type", "not found", "empty input name", "not a valid path",
        "cannot be read (File name too long)"]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventmap.sources import files

    path = write(tmp_path / "secret.txt", EN)

    def denied(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "open", denied, raising=False)  # root reads any file: simulate
    [skipped] = list(read_inputs([str(path)]))
    assert skipped == Skipped(str(path), "permission denied")


def test_a_single_string_is_one_input_not_its_letters(tmp_path: Path) -> None:
    path = write(tmp_path / "one.txt", EN)
    [doc] = list(read_inputs(str(path)))  # type: ignore[arg-type]
    assert isinstance(doc, Document)


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"---\ntitle: Tal Afar\n---\n{FR}"))
    [doc] = list(read_inputs(["-"]))
    assert isinstance(doc, Document)
    assert (doc.kind, doc.path, doc.title, doc.language, doc.text) == (
        "stdin", "-", "Tal Afar", "fr", FR)


def test_stdin_bytes_holding_a_feed(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = (FIXTURES / "updates.atom").read_bytes()
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    docs = list(read_inputs(["-"]))
    assert [d.kind for d in docs] == ["feed-item", "feed-item"]


def test_empty_stdin_is_skipped_and_the_run_goes_on(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    path = write(tmp_path / "after.txt", EN)
    items = list(read_inputs(["-", str(path)]))
    assert items[0] == Skipped("-", "empty")
    assert isinstance(items[1], Document)


def test_read_bytes_as_text_for_geoparse() -> None:
    assert read_bytes_as_text(FR.encode("cp1252"), source="x") == FR
    with pytest.raises(BadInput, match="binary"):
        read_bytes_as_text(b"\x7fELF" + bytes(64), source="a.out")


def test_real_standard_input_of_a_process() -> None:
    import subprocess

    code = ("from eventmap.sources import read_inputs\n"
            "for d in read_inputs(['-']):\n"
            "    print(d.kind, d.language, repr(d.text))\n")
    out = subprocess.run([sys.executable, "-c", code], input=FR.encode("cp1252") + b"\r\n",
                         capture_output=True, check=True)
    assert out.stdout.decode().strip() == f"stdin fr {FR + chr(10)!r}"


def test_folder_with_only_other_file_types_says_so(tmp_path: Path) -> None:
    write(tmp_path / "scan.pdf", b"%PDF-1.4\n")
    write(tmp_path / "gold.json", "{}")
    items = list(read_inputs([str(tmp_path)]))
    assert items == [Skipped(str(tmp_path), "folder has no files of a supported type (only .json, .pdf)")]


def test_a_named_file_of_another_type_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "scan.pdf", b"%PDF-1.4\n")
    [item] = list(read_inputs([str(tmp_path / "scan.pdf")]))
    assert isinstance(item, Skipped) and "pdf" in item.reason.lower()
