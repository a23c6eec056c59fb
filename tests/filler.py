"""Long text that is not one fragment repeated, for tests of size bounds."""

from __future__ import annotations

import random
import string


def varied_words(count: int, seed: int = 0) -> str:
    """``count`` pseudo-random lower-case words joined by spaces, without full stops."""
    rng = random.Random(seed)
    letters = string.ascii_lowercase
    return " ".join("".join(rng.choices(letters, k=rng.randint(2, 9))) for _ in range(count))
