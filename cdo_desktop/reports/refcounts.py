"""A guard against PySide6 6.12 on Python 3.11 dropping references to None, True and False.

PySide6 6.12.0 built for the stable ABI releases a reference to None on every call of a
method returning void (and to True/False in some calls back from C++), which Python 3.12+
does not notice (these objects are immortal there) but Python 3.11 does: a few thousand calls
bring None's count to zero and the interpreter aborts with «none_dealloc». One printed page
makes hundreds of such calls. PySide6 6.11 does not do it; until the project requires a fixed
PySide6 or Python 3.12, printing runs inside `repaying_lost_references()`.
"""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

# What the calls inside one guarded block may lose before it is repaid: several times what a
# 300-row summary loses, a few megabytes held only while the block runs.
_DEPOSIT = 200_000
_SINGLETONS = (None, True, False)
# References that make up for the ones lost. The list is never freed, not even when the
# interpreter clears this module at exit: freed then, it would take back the repaid references
# while the lost ones are still missing, and the exit would abort.
_REPAID: list[object] = []
ctypes.pythonapi.Py_IncRef(ctypes.py_object(_REPAID))
_present: bool | None = None


def _bug_present() -> bool:
    """Whether a void Qt call here loses a reference to None (checked once)."""
    global _present
    if _present is None:
        if sys.version_info >= (3, 12):
            _present = False
        else:
            from PySide6.QtCore import QPointF

            point = QPointF()
            point.setX(1.0)
            before = sys.getrefcount(None)
            for _ in range(10):
                point.setX(1.0)
            _present = sys.getrefcount(None) < before
    return _present


def _counts() -> list[int]:
    gc.collect()
    return [sys.getrefcount(value) for value in _SINGLETONS]


@contextmanager
def repaying_lost_references() -> Iterator[None]:
    """Run Qt calls with a deposit of references, then keep for good as many as were lost.

    What the block creates must be gone when it ends (call a function inside it): the loss is
    told from the counts before and after, so a reference the block keeps would hide a lost one.
    """
    if not _bug_present():
        yield
        return
    deposit = [None] * _DEPOSIT + [True] * _DEPOSIT + [False] * _DEPOSIT
    before = _counts()
    try:
        yield
    finally:
        for value, was, now in zip(_SINGLETONS, before, _counts(), strict=True):
            if now < was:
                # A quarter more: what the block legitimately kept may have hidden some loss.
                _REPAID.extend([value] * ((was - now) * 5 // 4))
        del deposit
