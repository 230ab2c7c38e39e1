"""What every section of bench/run.py measures with, and the table it prints at the end.

A row of the results table (`Line`: the baseline's median against ours, the target and
whether it is met), runs of the program and its baseline taken in turns, their medians, the
environment of the fresh processes some measurements start, and the Markdown table itself.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


@dataclass
class Line:
    """One row of the results table."""

    what: str
    baseline: str
    base: float | None  # seconds (or MB), median
    ours: float
    target: str
    met: bool | None
    unit: str = "s"

    @property
    def ratio(self) -> float | None:
        return self.ours / self.base if self.base else None


def count(number: int) -> str:
    """50 000: thousands apart the Russian way."""
    return f"{number:,}".replace(",", " ")


def median(values: list[float]) -> float:
    return statistics.median(values)


def in_turns(
    runs: int, base: Callable[[], object] | None, ours: Callable[[], object]
) -> tuple[list[float], list[float]]:
    """Seconds of each, run in turns so that a busy machine slows both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for action, spent in ((base, times[0]), (ours, times[1])):
            if action is None:
                continue
            start = time.perf_counter()
            action()
            spent.append(time.perf_counter() - start)
    return times


def child_env(folder: Path) -> dict[str, str]:
    """Settings and the daily backup of a folder of their own; never the user's.

    An installed program runs from compiled bytecode (pip and PyInstaller compile it). Where
    the environment forbids writing it (PYTHONDONTWRITEBYTECODE, as on this project's machines)
    every start would compile the sources again, so the children, the bare baseline too, keep a
    bytecode cache in the bench folder; the warm-up runs fill it.
    """
    home = folder / "home"
    home.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "PYTHONPATH": str(ROOT),
        "PYTHONPYCACHEPREFIX": str(folder / "bytecode"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def show(value: float | None, unit: str) -> str:
    """A median as the table prints it: seconds to the millisecond, or whole megabytes."""
    if value is None:
        return "—"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def table(lines: list[Line]) -> str:
    """The results as a Markdown table, one row a line, in the order measured."""
    head = ["What", "Baseline", "Baseline median", "Ours median", "Ratio", "Target", "Met"]
    rows = [
        [
            line.what,
            line.baseline,
            show(line.base, line.unit),
            show(line.ours, line.unit),
            f"{line.ratio:.2f}" if line.ratio is not None else "—",
            line.target,
            {True: "yes", False: "**no**", None: "—"}[line.met],
        ]
        for line in lines
    ]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(out)
