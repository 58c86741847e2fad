"""Use cases shared by the window and the command line. No Qt."""
