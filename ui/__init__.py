"""User interfaces: the PySide6 window (ui/app.py and friends) and the command line (ui/cli*.py).

Importing this package imports no Qt; the window modules do.
"""
