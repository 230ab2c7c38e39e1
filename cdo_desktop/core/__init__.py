"""The program's core: value types, numbers, rules and errors, free of Qt and of storage."""
