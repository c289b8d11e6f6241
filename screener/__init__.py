"""Screener: offline export-compliance screening."""

__version__ = "0.1.0"
