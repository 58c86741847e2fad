"""Word and Excel files read into forms: file readers, table recognition and form building (no Qt, no SQL).

`read_office_file(path)` gives a `Reading`: every form found, in document order, with the cells that
could not be placed. ui/services/import_doc.py previews and stores them.
Reading a narrative report's text (report_text.py) is the other reader here: check-report's input.
"""
