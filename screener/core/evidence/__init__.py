"""Evidence for an auditor: the full listed entry behind a hit, recorded ad-hoc searches and
their export, and finding screened lines again (history)."""
