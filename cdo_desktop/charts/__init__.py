"""Charts drawn by the program (pyqtgraph): the same code for the window and the printed summary."""
