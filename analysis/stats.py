"""Small statistical helpers, each checked against numbers computed by hand in the tests."""

import math


def wilson_interval(successes: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """95% Wilson score interval for a proportion; honest for small groups and shares near 0 or 1."""
    if n <= 0:
        raise ValueError("no answers")
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def scale_score(value: int, points: int = 5) -> float:
    """A face on a 0-100 scale: the worst face is 0, the best 100 (3-point scales use faces 1, 3 and 5)."""
    return (value - 1) / 4 * 100


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
