"""Editing a form in the window: the session, its undoable commands, paste and the columns."""
