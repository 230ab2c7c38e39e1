"""How a project's name is compared and what code a new project is offered.

A name is typed with or without quotes («Цифровая образовательная среда», "…", “…”): the quotes
are no part of it. A new project's proposed code is the capital first letters of the name's
words outside brackets and quotes, numbered on a clash («ЦОС», «ЦОС2», «ЦОС3»…).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cdo_desktop.core.model import code_key

QUOTES = "«»\"“”„‟'‘’‚‛"
_QUOTED = re.compile(r"[«\"“„‟'‘‚‛][^«»\"“”„‟'‘’‚‛]*[»\"”“'’]")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# A code proposed for a name with no letters at all.
FALLBACK_CODE = "П"


def unquoted(name: str) -> str:
    """The name without the quotes it is wrapped in: «"Успех каждого ребёнка"» → the words."""
    text = name.strip()
    if not (len(text) >= 2 and text[0] in QUOTES and text[-1] in QUOTES):
        return name  # a name without quotes round it is kept exactly as typed
    while len(text) >= 2 and text[0] in QUOTES and text[-1] in QUOTES:
        text = text[1:-1].strip()
    return text


def name_key(name: str) -> str:
    """What makes two project names the same name: case, ё, spaces and quotes do not count."""
    text = "".join(" " if character in QUOTES else character for character in name)
    text = text.replace("ё", "е").replace("Ё", "Е")
    return _SPACES.sub(" ", text).strip(" .").casefold()


def proposed_code(name: str, taken: Iterable[str] = ()) -> str:
    """Capital first letters of the words outside brackets and quotes, unique among `taken`.

    «Цифровая образовательная среда» → «ЦОС»; when the name is all in quotes, its words are
    used; with «ЦОС» taken → «ЦОС2», then «ЦОС3».
    """
    bare = unquoted(name)
    outside = _BRACKETED.sub(" ", _QUOTED.sub(" ", bare))
    words = _WORD.findall(outside) or _WORD.findall(_BRACKETED.sub(" ", bare))
    base = "".join(word[0] for word in words).upper()[:10] or FALLBACK_CODE
    used = {code_key(code) for code in taken}
    code, number = base, 2
    while code_key(code) in used:
        code, number = f"{base}{number}", number + 1
    return code
