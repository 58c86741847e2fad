"""Build and check the Windows installer (see docs/installer.md); not shipped with the program."""
