"""Readers of the ministry's tables in a workbook: one per table kind, sharing the furniture rules.

`sheet.SheetReader` finds tables by their headers and hands each row to the reader of its kind
(`plan_fact`, `financing`, `persons`, `passport`); `cells.BookReader` turns cells into values
and problems; `furniture` says which rows and marks are not data.
"""
