"""Colour arithmetic for readable themes: WCAG contrast, CIELAB distances, colour-blindness simulation.

Pure Python (no Qt), so that the themes' promises can be checked anywhere:
- ``contrast_ratio``: WCAG 2 contrast of two sRGB colours (1 to 21; text wants 4.5, marks 3);
- ``delta_e``: CIE76 distance in CIELAB (about 2.3 is just noticeable, above 20 clearly different hues);
- ``simulate``: how a colour looks with protanopia, deuteranopia or tritanopia (Machado, Oliveira and
  Fernandes 2009, severity 1), so that label colours can be compared as colour-blind readers see them;
- ``mark_color``: a label colour moved in lightness until it stands out from a background by a contrast.
"""

from __future__ import annotations

import colorsys
import math
from itertools import combinations

RGB = tuple[float, float, float]

# Machado et al. (2009), severity 1.0, applied to linear RGB.
_CVD_MATRICES: dict[str, tuple[RGB, RGB, RGB]] = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
VISIONS = ("normal", *_CVD_MATRICES)


def parse_hex(color: str) -> RGB:
    """``#RRGGBB`` as three floats in [0, 1]."""
    value = color.strip().lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a #RRGGBB colour: {color!r}")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def to_hex(rgb: RGB) -> str:
    """Three floats in [0, 1] as ``#RRGGBB``."""
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02X}" for c in rgb)


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    c = min(1.0, max(0.0, c))
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def relative_luminance(color: str | RGB) -> float:
    """WCAG relative luminance (0 black, 1 white)."""
    r, g, b = parse_hex(color) if isinstance(color, str) else color
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(a: str | RGB, b: str | RGB) -> float:
    """WCAG 2 contrast ratio between two colours (1 to 21)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    high, low = max(la, lb), min(la, lb)
    return (high + 0.05) / (low + 0.05)


def blend(top: str | RGB, bottom: str | RGB, alpha: float) -> RGB:
    """``top`` drawn with opacity ``alpha`` over ``bottom`` (sRGB compositing, as QPainter does)."""
    t = parse_hex(top) if isinstance(top, str) else top
    u = parse_hex(bottom) if isinstance(bottom, str) else bottom
    return (t[0] * alpha + u[0] * (1 - alpha), t[1] * alpha + u[1] * (1 - alpha), t[2] * alpha + u[2] * (1 - alpha))


def simulate(color: str | RGB, vision: str) -> RGB:
    """``color`` as seen with ``vision`` ("normal", "protanopia", "deuteranopia", "tritanopia")."""
    rgb = parse_hex(color) if isinstance(color, str) else color
    if vision == "normal":
        return rgb
    matrix = _CVD_MATRICES[vision]
    lin = [_linear(c) for c in rgb]
    out = [sum(m * c for m, c in zip(row, lin, strict=True)) for row in matrix]
    return (_gamma(out[0]), _gamma(out[1]), _gamma(out[2]))


def to_lab(color: str | RGB) -> RGB:
    """CIELAB (D65) coordinates of an sRGB colour."""
    r, g, b = (_linear(c) for c in (parse_hex(color) if isinstance(color, str) else color))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def delta_e(a: str | RGB, b: str | RGB) -> float:
    """CIE76 distance between two colours in CIELAB."""
    la, lb = to_lab(a), to_lab(b)
    return math.sqrt(sum((x - y) ** 2 for x, y in zip(la, lb, strict=True)))


def min_pairwise_distance(colors: list[str], vision: str = "normal") -> float:
    """The smallest CIELAB distance between any two of ``colors`` as seen with ``vision``."""
    seen = [simulate(c, vision) for c in colors]
    return min((delta_e(a, b) for a, b in combinations(seen, 2)), default=float("inf"))


def mark_color(color: str, background: str, minimum: float = 3.0) -> str:
    """``color`` made darker (on a light background) or lighter (on a dark one), keeping its hue, until its
    contrast with ``background`` is at least ``minimum``; unchanged when it already is."""
    if contrast_ratio(color, background) >= minimum:
        return to_hex(parse_hex(color))
    hue, lightness, saturation = colorsys.rgb_to_hls(*parse_hex(color))
    darken = relative_luminance(background) > 0.18
    best = parse_hex(color)
    for step in range(1, 101):
        target = lightness * (1 - step / 100) if darken else lightness + (1 - lightness) * step / 100
        best = colorsys.hls_to_rgb(hue, target, saturation)
        if contrast_ratio(best, background) >= minimum:
            break
    return to_hex(best)
