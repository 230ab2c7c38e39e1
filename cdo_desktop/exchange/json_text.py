"""The text of a `cdo-desktop/1` document: indented JSON whose numbers keep exactly their digits."""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from cdo_desktop.core.numbers import json_number


def write_document(document: Mapping[str, Any]) -> str:
    """Indented JSON text; Decimals become numbers with exactly their digits."""
    return _encode(document, "") + "\n"


def _encode(value: Any, indent: str) -> str:
    if value is None or isinstance(value, str | Decimal | int):  # before the slower ABC check
        return _encode_scalar(value)
    if isinstance(value, dict | list | tuple | Mapping):
        flat = _encode_flat(value)
        if flat is not None:
            return flat
        inner = indent + "  "
        if isinstance(value, dict | Mapping):
            items = [
                f"{inner}{_quote(str(key))}: {_encode(item, inner)}" for key, item in value.items()
            ]
            return "{\n" + ",\n".join(items) + "\n" + indent + "}"
        items = [inner + _encode(item, inner) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    return _encode_scalar(value)


def _encode_flat(value: Mapping[str, Any] | list[Any] | tuple[Any, ...]) -> str | None:
    """Short containers of numbers on one line, so a year's plan and fact read side by side."""
    items = value.values() if isinstance(value, Mapping) else value
    if not all(item is None or isinstance(item, int | Decimal) for item in items):
        return None
    if isinstance(value, Mapping):
        text = (
            "{"
            + ", ".join(
                f"{_quote(str(key))}: {_encode_scalar(item)}" for key, item in value.items()
            )
            + "}"
        )
    else:
        text = "[" + ", ".join(_encode_scalar(item) for item in value) + "]"
    return text if len(text) <= 60 else None


# What json.dumps(text, ensure_ascii=False) gives, from the json module's C encoder without the
# cost of a JSONEncoder a call (a large dump has hundreds of thousands of strings and keys).
_quote = json.encoder.encode_basestring


def _encode_scalar(value: Any) -> str:
    if isinstance(value, Decimal):
        return json_number(value)
    if isinstance(value, str):
        return _quote(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    raise TypeError(f"cannot encode {type(value).__name__}")
