#!/usr/bin/env python3
"""Regenerate src/geo/countries.json from Natural Earth's admin-0 countries at 1:50m.

Source: the npm package world-atlas 2.0.2 (countries-50m.json, TopoJSON of Natural Earth's
public-domain data; the package's own code is under the ISC licence). Run once, by hand:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 src/geo/make_countries.py package/countries-50m.json > src/geo/countries.json

Each arc is decoded (TopoJSON's quantized, delta-encoded positions), simplified with
Douglas-Peucker at TOLERANCE degrees (ends kept, so neighbouring countries still share their
borders), rounded to hundredths of a degree and delta-encoded again. `cargo test --lib geo`
checks the file it writes.
"""
import json
import sys

TOLERANCE = 0.03
SCALE = 100  # units per degree


def decode(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def dp(pts, tol):
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        ax, ay = pts[a]
        bx, by = pts[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, bi = -1.0, -1
        for i in range(a + 1, b):
            px, py = pts[i]
            if norm == 0:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                d = abs(dy * (px - ax) - dx * (py - ay)) / norm
            if d > best:
                best, bi = d, i
        if bi >= 0 and best > tol:
            keep[bi] = True
            stack.append((a, bi))
            stack.append((bi, b))
    return [p for p, k in zip(pts, keep) if k]


def main():
    topo = json.load(open(sys.argv[1]))
    arcs = decode(topo)
    out_arcs = []
    for arc in arcs:
        simple = dp(arc, TOLERANCE)
        q = []
        for x, y in simple:
            p = (round(x * SCALE), round(y * SCALE))
            if not q or q[-1] != p:
                q.append(p)
        if len(q) == 1:
            q.append(q[0])
        flat = []
        px = py = 0
        for x, y in q:
            flat += [x - px, y - py]
            px, py = x, y
        out_arcs.append(flat)
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        if g["type"] == "Polygon":
            polys = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        countries.append({"id": g.get("id", ""), "name": g["properties"]["name"], "polygons": polys})
    countries.sort(key=lambda c: c["name"])
    doc = {
        "source": "Natural Earth 1:50m admin-0 countries (public domain), via world-atlas 2.0.2, simplified by src/geo/make_countries.py",
        "scale": SCALE,
        "arcs": out_arcs,
        "countries": countries,
    }
    sys.stdout.write(json.dumps(doc, separators=(",", ":"), ensure_ascii=False))
    sys.stdout.write("\n")


main()
