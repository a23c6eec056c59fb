"""A logistic model over named features: the form both small learned models of the meetings
layer (``confidence``, ``pairs``) are fitted, shipped and read in."""

from __future__ import annotations

import contextlib
import json
import math
from collections.abc import Iterator
from pathlib import Path


class Collector:
    """The rows a training script collects: while ``collecting``, extraction hands every
    candidate here instead of deciding on it (``rows`` is None otherwise)."""

    def __init__(self) -> None:
        self.rows: list | None = None

    @contextlib.contextmanager
    def collecting(self) -> Iterator[list]:
        self.rows = []
        try:
            yield self.rows
        finally:
            self.rows = None


class LogisticModel:
    """Weights over standardised features; a subclass names its features and weights file."""

    FEATURES: tuple[str, ...] = ()
    WEIGHTS: Path = Path()

    def __init__(self, weights: list[float], bias: float, means: list[float], scales: list[float],
                 threshold: float) -> None:
        self.weights, self.bias, self.means, self.scales, self.threshold = weights, bias, means, scales, threshold

    @classmethod
    def load(cls, path: Path | None = None):
        path = path or cls.WEIGHTS
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != cls.FEATURES:
            raise ValueError(f"{path} was trained on other features: retrain it")
        return cls(data["weights"], data["bias"], data["means"], data["scales"], data["threshold"])

    def probability(self, values: list[float]) -> float:
        z = self.bias + sum(w * (v - m) / s for w, v, m, s in zip(self.weights, values, self.means, self.scales))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def fit(cls, rows: list[list[float]], labels: list[int], c: float, threshold: float):
        """A regularised logistic regression on the rows, standardised (training scripts only)."""
        import numpy as np
        from sklearn.linear_model import LogisticRegression

        x = np.array(rows, dtype=np.float64)
        means, scales = x.mean(axis=0), x.std(axis=0) + 1e-6
        model = LogisticRegression(C=c, max_iter=3000).fit((x - means) / scales, np.array(labels))
        return cls(model.coef_[0].tolist(), float(model.intercept_[0]), means.tolist(), scales.tolist(), threshold)

    def describe(self) -> list[str]:
        """The weights, largest first."""
        return [f"  {name:24} {weight:+.3f}" for name, weight in
                sorted(zip(self.FEATURES, self.weights), key=lambda item: -abs(item[1]))]

    def save(self, training: dict) -> None:
        out = {"features": list(self.FEATURES), "weights": self.weights, "bias": self.bias, "means": self.means,
               "scales": self.scales, "threshold": self.threshold, "training": training}
        self.WEIGHTS.parent.mkdir(exist_ok=True)
        self.WEIGHTS.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
