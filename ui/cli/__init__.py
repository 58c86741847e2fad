"""The command line (`python main.py COMMAND`): the same work as the window, without one. No Qt."""
