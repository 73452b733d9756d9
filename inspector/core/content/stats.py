"""Interval estimates for shares: Wilson score intervals (never the normal approximation,
which misbehaves near 0 and 1, where the interesting shares of a drive often are), and
post-stratified shares whose strata are known exactly (a drive's extensions: the survey counts
their bytes and files, so draws need only say what each extension holds)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import NamedTuple

Z95 = 1.959963984540054  # two-sided 95 % normal quantile


class Share(NamedTuple):
    value: float
    lo: float
    hi: float


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for k successes in n trials; (0, 1) when n is 0."""
    if n <= 0:
        return (0.0, 1.0)
    p = k / n
    z2 = z * z
    denom = 1.0 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    lo = 0.0 if k == 0 else max(0.0, centre - half)
    hi = 1.0 if k == n else min(1.0, centre + half)
    return (lo, hi)


def half_width(k: int, n: int, z: float = Z95) -> float:
    lo, hi = wilson(k, n, z)
    return (hi - lo) / 2


MIN_STRATUM = 20  # draws a stratum needs to stand alone; strata with fewer pool together


def stratified_share(strata: Iterable[tuple[float, int, int]], z: float = Z95) -> Share:
    """A post-stratified share and its 95 % interval: Σ W_h k_h / n_h over strata h, each of
    known weight W_h (its exact part of the whole, from the survey) with k_h of its n_h draws
    counted. Strata with fewer than MIN_STRATUM draws pool (weights and draws summed); weight
    with no draw at all is unknown: the interval spans 0-100 % of it and the value takes the
    share of all draws there.

    The interval is Wilson's at an effective number of draws (Korn & Graubard, 1998):
    p(1 - p) over the stratified variance Σ W_h² v_h, each v_h the stratum's Wilson half-width
    over z, squared (so a stratum whose draws all agree still counts as uncertain, where
    p(1-p)/n would call it exact). A share of 0 or 1 in every draw gets the plain Wilson
    interval of all the draws."""
    value = variance = 0.0
    pooled_w, pooled_k, pooled_n = 0.0, 0, 0
    all_k = all_n = 0
    parts: list[tuple[float, int, int]] = []
    for weight, k, n in strata:
        all_k, all_n = all_k + k, all_n + n
        if n >= MIN_STRATUM:
            parts.append((weight, k, n))
        else:
            pooled_w, pooled_k, pooled_n = pooled_w + weight, pooled_k + k, pooled_n + n
    unknown = 0.0
    if pooled_w > 0 and pooled_n:
        parts.append((pooled_w, pooled_k, pooled_n))
    elif pooled_w > 0:
        unknown = pooled_w
    if not all_n:
        return Share(0.0, 0.0, 1.0)
    known = sum(w for w, _, _ in parts)
    if known <= 0:  # draws only where the survey saw nothing: no strata to lean on
        return Share(all_k / all_n, *wilson(all_k, all_n, z))
    for weight, k, n in parts:
        value += weight / known * k / n
        variance += (weight / known * half_width(k, n, z) / z) ** 2
    if 0 < all_k < all_n and 0.0 < value < 1.0:
        lo, hi = _wilson_at(value, value * (1 - value) / variance, z)
    else:  # all draws agree: nothing to stratify (and Σ W_h · 1 may round below 1)
        value = 1.0 if all_k else 0.0
        lo, hi = wilson(all_k, all_n, z)
    # the part with no draw: anything from 0 to all of it
    return Share(
        value * known + unknown * all_k / all_n, lo * known, min(1.0, hi * known + unknown)
    )


def _wilson_at(p: float, n: float, z: float) -> tuple[float, float]:
    """Wilson's interval for a share p of n draws, n not necessarily whole."""
    z2 = z * z
    denom = 1.0 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)
