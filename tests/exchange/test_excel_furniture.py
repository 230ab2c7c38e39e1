"""The furniture rules one by one: what in a table people made is not data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cdo_desktop.exchange.excel.cells import MAX_NOTES, BookReader
from cdo_desktop.exchange.excel.furniture import (
    AmountUnit,
    amount_unit,
    in_thousands,
    is_footnote_text,
    is_municipal_breakdown,
    is_municipality,
    is_numbering_row,
    is_signature,
    is_total_label,
    name_unit,
    strip_amount_unit,
    strip_marks,
    structure_label,
    sub_number_depth,
    tidy,
)
from cdo_desktop.exchange.excel.limits import number_within_limits, text_problem
from cdo_desktop.exchange.import_plan import Severity


@pytest.mark.parametrize(
    "text", ["Итого", "ВСЕГО:", "Всего", "Итого по проекту", "Всего по области", "итого за 2019"]
)
def test_total_labels(text):
    assert is_total_label(text)


@pytest.mark.parametrize("text", ["Всего создано центров «IT-куб»", "Итоговая аттестация", ""])
def test_names_that_only_start_like_a_total(text):
    assert not is_total_label(text)


def test_a_row_of_column_numbers():
    assert is_numbering_row([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    assert is_numbering_row(["1", "2", "3."])
    assert not is_numbering_row([1, 2])  # too short to tell from data
    assert not is_numbering_row([1, "Доля", 3])
    assert not is_numbering_row([1, 1, 1, 1])  # an indicator's figures
    assert not is_numbering_row([2, 3, 4])


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("единица (нарастающим итогом)¹", "единица (нарастающим итогом)"),
        ("Доля организаций*, процент", "Доля организаций, процент"),
        ("Число центров**", "Число центров"),
        ("процент²³", "процент"),
        ("Число центров *", "Число центров"),
    ],
)
def test_footnote_marks_are_stripped(text, clean):
    assert strip_marks(text) == (clean, True)


def test_text_without_marks_is_left_alone():
    assert strip_marks("2 * 3 = 6") == ("2 * 3 = 6", False)
    assert strip_marks("Доля, процент") == ("Доля, процент", False)


def test_footnote_texts():
    assert is_footnote_text("* Полный перечень показателей")
    assert is_footnote_text("¹ С учётом остатков")
    assert is_footnote_text("Примечание: данные предварительные")
    assert not is_footnote_text("Доля организаций")


def test_label_rows():
    assert structure_label("в том числе:") == 1
    assert structure_label("В т.ч.") == 1
    assert structure_label("из них:") == 2
    assert structure_label("из них: МБТ") is None  # a source named so, not a label
    assert structure_label("федеральный бюджет") is None


def test_sub_row_numbers():
    assert sub_number_depth("1.1", "1") == 1
    assert sub_number_depth("1.2.", "1") == 1
    assert sub_number_depth("1.2.1", "1") == 2
    assert sub_number_depth("2.1", "1") == 0  # not under this line
    assert sub_number_depth("11", "1") == 0
    assert sub_number_depth("1", "1") == 0


@pytest.mark.parametrize(
    "text",
    [
        "Исполнитель: Иванова И.И., тел. 8 (8332) 27-27-27",
        "Министр образования Кировской области",
        "М.П.",
        "Руководитель проекта ____________ С.В. Стяжкин",
        "(подпись)",
    ],
)
def test_signatures(text):
    assert is_signature(text)


def test_names_are_not_signatures():
    assert not is_signature("Доля организаций, процент")
    assert not is_signature("Министерство образования Кировской области")
    assert not is_signature("Главный результат")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Объём финансирования, млн рублей", AmountUnit.MILLIONS),
        ("млн. руб.", AmountUnit.MILLIONS),
        ("Результат / источник финансирования, тыс. рублей", AmountUnit.THOUSANDS),
        ("(тыс.руб.)", AmountUnit.THOUSANDS),
        ("Сумма, рублей", AmountUnit.RUBLES),
        ("в руб.", AmountUnit.RUBLES),
        ("Наименование результата", None),
    ],
)
def test_units_of_amounts(text, unit):
    assert amount_unit(text) is unit


def test_amounts_convert_exactly_into_thousands():
    assert in_thousands(Decimal("37955.2"), AmountUnit.MILLIONS) == Decimal("37955200")
    assert str(in_thousands(Decimal("37955.2"), AmountUnit.MILLIONS)) == "37955200"
    assert str(in_thousands(Decimal("1500"), AmountUnit.RUBLES)) == "1.5"
    assert str(in_thousands(Decimal("0.1"), AmountUnit.RUBLES)) == "0.0001"
    assert str(in_thousands(Decimal("13264.90"), AmountUnit.THOUSANDS)) == "13264.90"


def test_a_line_name_states_its_unit():
    assert name_unit("Центры «IT-куб», млн рублей") is AmountUnit.MILLIONS
    assert strip_amount_unit("Центры «IT-куб», млн рублей") == "Центры «IT-куб»"
    assert strip_amount_unit("Центры «IT-куб», тыс. рублей") == "Центры «IT-куб»"
    assert name_unit("Центры «IT-куб»") is None


def test_tidy_never_gives_an_exponent():
    assert str(tidy(Decimal("50.00"))) == "50"
    assert str(tidy(Decimal("38.2800"))) == "38.28"
    assert str(tidy(Decimal("100"))) == "100"


@pytest.mark.parametrize(
    "name",
    [
        "г. Киров",
        "Слободской район",
        "Оричевский муниципальный округ",
        "Кирово-Чепецкий муниципальный район",
        "город Котельнич",
    ],
)
def test_municipalities(name):
    assert is_municipality(name)


def test_a_breakdown_is_most_rows_being_municipalities():
    assert is_municipal_breakdown(["г. Киров", "Слободской район", "Итого по области"])
    assert not is_municipal_breakdown(["Доля организаций", "Число центров", "г. Киров"])
    assert not is_municipal_breakdown(["г. Киров"])


def test_the_limits_are_those_of_json():
    assert number_within_limits(Decimal("999999999999999"))
    assert not number_within_limits(Decimal("1E15"))
    assert number_within_limits(Decimal("0.0000000001"))
    assert not number_within_limits(Decimal("0.00000000001"))
    assert text_problem("обычный текст\nс переносом") is None
    assert "управляющий символ" in (text_problem("a\x01b") or "")
    assert "32767" in (text_problem("я" * 32768) or "")


def test_a_text_cell_beyond_the_limits_is_refused_with_its_cell():
    reader = BookReader(None)  # type: ignore[arg-type]  # text cells need no workbook
    cell = {"column": 2, "value": "Доля\x01", "data_type": "s", "style_id": 0, "formula": False}
    assert reader.text("Показатели", 7, cell) == "Доля\x01"
    [problem] = reader.incoming.problems
    assert str(problem).startswith("Лист «Показатели», ячейка B7: недопустимый знак U+0001")
    assert problem.severity is Severity.ERROR


def test_many_notes_never_become_an_error():
    reader = BookReader(None)  # type: ignore[arg-type]
    for row in range(MAX_NOTES + 50):
        reader.note("значение формулы округлено", f"лист «Л», строка {row}")
    reader.problem("«десять» — не число", "лист «Л», ячейка F7")
    problems = reader.finish().problems
    assert [p for p in problems if p.severity is Severity.ERROR] == [problems[MAX_NOTES]]
    assert problems[-1].message == "и ещё замечаний: 50"
