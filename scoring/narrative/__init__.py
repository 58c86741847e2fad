"""Checking a narrative report's figures against the forms of its unit and year (pure, no I/O).

`check_report(paragraphs, tables, forms)` (check.py) reads figures and their subjects from the text,
pairs them with facts of the forms (facts.py) and the report's own arithmetic (arithmetic.py).
"""
