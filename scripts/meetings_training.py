"""What the two meetings-model training scripts share: their options and the trade-off table."""

from __future__ import annotations

import argparse


def options(doc: str, threshold_help: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--threshold", type=float, default=0.5, help=threshold_help)
    parser.add_argument("--dry-run", action="store_true", help="print the trade-off; write nothing")
    return parser.parse_args()


def print_trade_off(names: list[str], thresholds, scored_at) -> None:
    """One row per threshold: pair precision and event recall of each set and half, where
    ``scored_at(threshold)`` gives each set's ``score_set`` halves, in the order of ``names``."""
    print(f"{'threshold':>9} " + " ".join(f"{n + ' ' + h:>24}" for n in names for h in ("tune", "heldout")))
    for threshold in thresholds:
        cells = []
        for halves in scored_at(threshold):
            for half in ("tune", "heldout"):
                c = halves[half]
                cells.append(f"P {100 * c['right_pairs'] / max(1, c['pred_pairs']):5.1f} "
                             f"R {100 * c['found'] / max(1, c['events']):5.1f}")
        print(f"{threshold:9.2f} " + " ".join(f"{c:>24}" for c in cells))
