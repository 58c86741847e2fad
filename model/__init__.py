"""Domain layer: form dataclasses, tree operations, the form-file codec and the SQLite store.

No Qt here. `from model import load_form` reads a `jixiao.form/1` file.
"""
from model.codec import dump_form_file, dumps_form, form_from_dict, form_to_dict, load_form, loads_form
from model.errors import FormFileError, JixiaoError, StoreError
from model.form import Form, Goal, Group, Leaf

__all__ = [
    "Form", "Goal", "Group", "Leaf", "FormFileError", "JixiaoError", "StoreError",
    "load_form", "loads_form", "dumps_form", "form_from_dict", "form_to_dict", "dump_form_file",
]
