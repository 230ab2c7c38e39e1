"""Helper programs for developers and documentation (not needed to run the program)."""
