"""The main window's pages: Screen, Lists, Search, Audit."""
