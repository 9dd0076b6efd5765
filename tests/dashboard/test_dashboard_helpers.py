"""The dashboard's pure helpers: URL ⇄ filter, timeline brush and play, highlighting, rows."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
import seeding

from dashboard import assets, docview, mapview, timeline
from dashboard.data import aggregate_places, events_to_frame
from dashboard.filters import describe, filter_to_params, params_to_filter
from eventmap.store.base import EventFilter

D = dt.date


@pytest.mark.parametrize("flt", [
    EventFilter(),
    EventFilter(since=D(2021, 3, 1), until=D(2021, 4, 1)),
    EventFilter(event_types=("Battles", "Riots"), sub_event_types=("Armed clash",)),
    EventFilter(countries=("IQ", "SY"), admin1=("Nineveh",), text="drone"),
    EventFilter(min_confidence=0.65, reviewed_only=True),
])
def test_filter_survives_the_url(flt: EventFilter) -> None:
    params = filter_to_params(flt)
    assert params_to_filter(params) == flt
    # and through what a browser sends back: strings, repeated keys as lists
    assert params_to_filter(json.loads(json.dumps(params))) == flt


@pytest.mark.parametrize("params, expected", [
    ({"since": "not-a-date"}, EventFilter()),
    ({"type": ["Battles", "Picnics"]}, EventFilter(event_types=("Battles",))),
    ({"country": ["iq", "Iraq"]}, EventFilter(countries=("IQ",))),
    ({"minconf": "7"}, EventFilter()),
    ({"since": "2021-05-01", "until": "2021-03-01"},
     EventFilter(since=D(2021, 3, 1), until=D(2021, 5, 1))),
    ({"reviewed": "yes", "q": "  "}, EventFilter(reviewed_only=True)),
])
def test_hand_edited_links_still_open(params, expected) -> None:
    assert params_to_filter(params) == expected


def test_describe_is_readable() -> None:
    assert describe(EventFilter()) == "all events"
    text = describe(EventFilter(since=D(2021, 3, 1), event_types=("Protests",), text="x"))
    assert "2021-03-01" in text and "Protests" in text and "“x”" in text


@pytest.mark.parametrize("state, span", [
    ({"selection": {"span": {"yearweek_date": [1614556800000, 1617235200000]}}},
     (D(2021, 3, 1), D(2021, 4, 1))),
    ({"selection": {"span": {"date": ["2021-04-01T00:00:00", "2021-03-01T00:00:00"]}}},
     (D(2021, 3, 1), D(2021, 4, 1))),
    ({"selection": {"span": {}}}, None),
    ({"selection": {}}, None),
    (None, None),
])
def test_brushed_span(state, span) -> None:
    assert timeline.selected_span(state) == span


def test_play_steps_through_time_and_wraps() -> None:
    first, last = D(2021, 1, 1), D(2021, 1, 20)
    w = timeline.play_step(None, first, last, 7, 7)
    assert w == (D(2021, 1, 1), D(2021, 1, 7))
    w = timeline.play_step(w, first, last, 7, 7)
    assert w == (D(2021, 1, 8), D(2021, 1, 14))
    w = timeline.play_step(w, first, last, 7, 7)
    assert w == (D(2021, 1, 15), D(2021, 1, 20))
    assert timeline.play_step(w, first, last, 7, 7) == (first, D(2021, 1, 7))


def test_timeline_chart_has_a_brush_and_fades_outside_the_window() -> None:
    daily = pd.DataFrame({"date": [D(2021, 3, 1), D(2021, 3, 9)],
                          "event_type": ["Battles", "Riots"], "count": [2, 3]})
    spec = timeline.chart(daily, mapview.event_colours(), (D(2021, 3, 5), D(2021, 3, 10)),
                          "W").to_dict()
    assert spec["params"][0]["name"] == timeline.SELECTION
    rows = next(iter(spec["datasets"].values()))
    assert sorted(r["shown"] for r in rows) == [False, True]
    assert sum(r["count"] for r in rows) == 5


def test_document_highlight_escapes_everything_but_its_own_tags() -> None:
    text = "A <script>x()</script> in Bagdad & co."
    start = text.index("Bagdad")
    spans = [docview.Span(start, start + 6, "place", 'Baghdad "IQ"', "ev-1"),
             docview.Span(0, 1, "date", "<i>", None),
             docview.Span(start + 1, start + 3, "date", "overlaps the place", None)]
    html = docview.highlight(text, spans)
    assert "<script>" not in html and "&lt;script&gt;x()&lt;/script&gt;" in html
    assert 'title="Baghdad &quot;IQ&quot;"' in html
    assert 'href="review?event=ev-1"' in html
    assert html.count("<mark") == 2  # the span inside the place is dropped
    assert 'title="&lt;i&gt;"' in html
    assert "&amp; co." in html


def test_event_for_picks_the_sentence_containing_the_span() -> None:
    events = [("a", 0, 10), ("b", 11, 30), ("c", None, None)]
    assert docview.event_for(12, 15, events) == "b"
    assert docview.event_for(8, 12, events) is None


def test_marker_rows_and_aggregation() -> None:
    frame = events_to_frame(seeding.known_events())
    rows = mapview.marker_rows(frame, aggregated=False)
    assert len(rows) == len(frame)
    assert {r[3] for r in rows} == set(frame["id"])
    agg = aggregate_places(frame)
    assert int(agg["n"].sum()) == len(frame)
    arows = mapview.marker_rows(agg, aggregated=True)
    assert sum(r[3] for r in arows) == len(frame)


def test_safe_json_is_inert_in_html_and_jinja() -> None:
    value = [["</script><b>{{ 1+1 }}{% x %}{# c #}'&\u2028"]]
    text = mapview.safe_json(value)
    assert json.loads(text) == value
    for bad in ("<", ">", "{", "}", "'", "&", "\u2028"):
        assert bad not in text


def test_local_assets_replace_every_cdn() -> None:
    import folium
    import folium.plugins

    assets.use_local_assets()
    for cls in (folium.Map, folium.plugins.FastMarkerCluster, folium.plugins.HeatMap,
                folium.TopoJson):
        for _name, url in list(cls.default_js) + list(cls.default_css):
            assert url.startswith(assets.STATIC_URL), (cls, url)
    assert assets.missing() == [] or not assets.NODE_MODULES.is_dir()


def test_markdown_escape_keeps_untrusted_text_literal() -> None:
    from dashboard.text import md

    assert md("![x](http://evil.example/p.png)") == "\\!\\[x\\]\\(http\\://evil\\.example/p\\.png\\)"
    assert md("a\nb  $x$ **y**") == "a b \\$x\\$ \\*\\*y\\*\\*"
    assert md(None) == ""
