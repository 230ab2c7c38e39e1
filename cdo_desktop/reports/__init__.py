"""The summary sheet: built as a document from core data, printed, previewed or saved as PDF."""
