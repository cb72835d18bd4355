"""Coordinates: a pand's point in RD (Rijksdriehoeksstelsel, EPSG:28992) and in WGS84.

GeoJSON requires WGS84 longitude/latitude (RFC 7946); registers derived from the BAG give RD
metres. The transformation is PROJ's (through pyproj), built once per process.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: The area where RD coordinates are defined (EPSG:28992's bounds, in metres, rounded outward).
RD_X = (-7_000.0, 300_000.0)
RD_Y = (289_000.0, 629_000.0)

#: About 1 cm at Dutch latitudes: enough for a pand, and the output stays byte-stable.
DECIMALEN_WGS84 = 7


def controleer_rd(x: float | None, y: float | None) -> tuple[str, str] | None:
    """(coordinate, why) when this is no usable RD point; None when it is or none is given."""
    if x is None and y is None:
        return None
    if x is None or y is None:
        return ("x" if x is None else "y"), "x en y horen samen: deze coördinaat ontbreekt"
    if not RD_X[0] <= x <= RD_X[1]:
        return "x", f"{x:g} ligt buiten het RD-gebied (EPSG:28992)"
    if not RD_Y[0] <= y <= RD_Y[1]:
        return "y", f"{y:g} ligt buiten het RD-gebied (EPSG:28992)"
    return None


@lru_cache(maxsize=1)
def _rd_naar_wgs84() -> Any:
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)


def rd_naar_wgs84(x: float, y: float) -> tuple[float, float]:
    """(lengte, breedte) in WGS84 degrees for an RD point."""
    lengte, breedte = _rd_naar_wgs84().transform(x, y)
    return round(lengte, DECIMALEN_WGS84), round(breedte, DECIMALEN_WGS84)
