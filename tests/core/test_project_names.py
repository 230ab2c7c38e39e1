"""Project names compared without their quotes, and the code proposed for a new project."""

from __future__ import annotations

import pytest

from cdo_desktop.core.project_names import name_key, proposed_code, unquoted

NAME = "Цифровая образовательная среда"


@pytest.mark.parametrize(
    "typed", [f"«{NAME}»", f'"{NAME}"', f"“{NAME}”", f"„{NAME}“", f" «{NAME}» ", f"«{NAME}»."]
)
def test_quotes_are_no_part_of_a_name(typed):
    assert name_key(typed) == name_key(NAME)
    assert name_key(typed.upper().replace("Е", "Ё")) == name_key(NAME)


def test_unquoted_keeps_inner_quotes():
    assert unquoted(f"«{NAME}»") == NAME
    assert unquoted("«Проект «Успех каждого ребёнка»»") == "Проект «Успех каждого ребёнка»"
    assert unquoted(NAME) == NAME


@pytest.mark.parametrize(
    ("name", "taken", "code"),
    [
        (NAME, [], "ЦОС"),
        (f"«{NAME}»", [], "ЦОС"),
        (NAME, ["ЦОС"], "ЦОС2"),
        (NAME, ["цос", "ЦОС2"], "ЦОС3"),
        ("Успех каждого ребёнка (Кировская область)", [], "УКР"),
        ("Проект «Успех каждого ребёнка»", [], "П"),
        ("2024", [], "П"),
    ],
)
def test_the_proposed_code(name, taken, code):
    assert proposed_code(name, taken) == code


def test_a_name_without_quotes_is_kept_exactly():
    assert unquoted("0 ") == "0 "
    assert unquoted(" Проект") == " Проект"
