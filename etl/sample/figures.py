"""The numbers behind the sample spreadsheets.

National totals are the published figures listed in docs/sample-data.md, reproduced exactly.
No public source breaks them down by region, so the regional split is illustrative: each
national total is shared out in proportion to the child population, with seeded random noise,
and rounded so that the regions add up to the published total exactly.
"""
from __future__ import annotations

import numpy as np

SEED = 20230831  # the day the Comprehensive Plan was adopted; any fixed seed would do

# Population on 1 January 2024 (thousands, rounded) and the share aged 0-17. The shares of
# Turkestan, Mangystau and Shymkent are published (BNS); the others are illustrative.
POPULATION_2024 = {
    "KZ-10": (603.8, 0.285), "KZ-11": (782.6, 0.272), "KZ-15": (934.2, 0.362), "KZ-19": (1524.8, 0.36),
    "KZ-23": (696.5, 0.39), "KZ-27": (689.8, 0.31), "KZ-31": (1216.6, 0.392), "KZ-33": (697.8, 0.35),
    "KZ-35": (1131.4, 0.279), "KZ-39": (826.0, 0.25), "KZ-43": (832.6, 0.398), "KZ-47": (768.6, 0.419),
    "KZ-55": (747.1, 0.26), "KZ-59": (527.5, 0.232), "KZ-61": (2138.2, 0.433), "KZ-62": (221.4, 0.29),
    "KZ-63": (725.2, 0.262), "KZ-71": (1423.7, 0.37), "KZ-75": (2228.7, 0.315), "KZ-79": (1222.1, 0.406),
}
CHILDREN_2024_TOTAL = 6_841_527
BALANCING_REGION = "KZ-19"  # absorbs the rounding so the published national total holds exactly


def children_2024() -> dict[str, int]:
    children = {code: round(pop * 1000 * share) for code, (pop, share) in POPULATION_2024.items()}
    children[BALANCING_REGION] += CHILDREN_2024_TOTAL - sum(children.values())
    return children


# (label, year, month_from, month_to): (completed, attempts, published?)
SUICIDES = {
    ("2022", 2022, 1, 12): (157, 329, "completed derived from the published +30% rise to 2023; attempts illustrative"),
    ("2023", 2023, 1, 12): (204, 376, "published: policy brief citing KPSSU"),
    ("2024", 2024, 1, 12): (175, 453, "published: policy brief citing KPSSU"),
    ("10m2022", 2022, 1, 10): (128, 262, "illustrative"),
    ("10m2023", 2023, 1, 10): (169, 298, "published: ranking.kz citing KPSSU, 28 Nov 2023"),
    ("9m2024", 2024, 1, 9): (131, 336, "illustrative"),
    ("9m2025", 2025, 1, 9): (139, 293, "published: Ministry of Internal Affairs, 14 Oct 2025"),
}
# January-October 2023 by sex and age: the margins are published (girls 54 completed and
# 221 attempts; 27.8% of completed suicides aged 5-14); the cross-tabulation is illustrative.
DETAIL_10M2023 = {
    ("female", "5-14"): (16, 55), ("female", "15-17"): (38, 166),
    ("male", "5-14"): (31, 20), ("male", "15-17"): (84, 57),
}


def rng() -> np.random.Generator:
    return np.random.default_rng(SEED)


def split(total: int, weights: dict[str, float], gen: np.random.Generator, noise: float = 0.25) -> dict[str, int]:
    """Share ``total`` out over the keys of ``weights`` in whole numbers that add up exactly."""
    keys = list(weights)
    w = np.array([weights[k] for k in keys], dtype=float) * gen.lognormal(0.0, noise, len(keys))
    exact = total * w / w.sum()
    counts = np.floor(exact).astype(int)
    for i in np.argsort(-(exact - counts))[: total - counts.sum()]:
        counts[i] += 1
    return dict(zip(keys, counts.tolist()))


def subsample(counts: dict[str, int], total: int, gen: np.random.Generator) -> dict[str, int]:
    """Draw ``total`` of the events in ``counts`` (a year-to-date part of a full year)."""
    keys = list(counts)
    drawn = gen.multivariate_hypergeometric([counts[k] for k in keys], total)
    return dict(zip(keys, drawn.tolist()))


def regional_suicides() -> dict[tuple, dict[str, dict[str, int]]]:
    """{period key: {measure: {region: count}}}; year-to-date figures never exceed their year."""
    gen, weights = rng(), children_2024()
    out = {}
    for key, (completed, attempts, _) in SUICIDES.items():
        label, year, m_from, m_to = key
        if m_to == 12:
            out[key] = {"completed": split(completed, weights, gen), "attempts": split(attempts, weights, gen)}
    for key, (completed, attempts, _) in SUICIDES.items():
        label, year, m_from, m_to = key
        if m_to != 12:
            full = out.get(next((k for k in out if k[1] == year), None))
            if full is None:
                out[key] = {"completed": split(completed, weights, gen), "attempts": split(attempts, weights, gen)}
            else:
                out[key] = {"completed": subsample(full["completed"], completed, gen),
                            "attempts": subsample(full["attempts"], attempts, gen)}
    return out


def regional_detail(region_totals: dict[str, dict[str, int]]) -> dict[tuple, dict[str, int]]:
    """{(sex, age, measure): {region: count}} adding up to the region totals and the margins."""
    gen = rng()
    out = {}
    for m_index, measure in enumerate(("completed", "attempts")):
        remaining = dict(region_totals[measure])
        for cell, values in DETAIL_10M2023.items():
            drawn = subsample(remaining, values[m_index], gen)
            remaining = {k: remaining[k] - drawn[k] for k in remaining}
            out[(*cell, measure)] = drawn
    return out
