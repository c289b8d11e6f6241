"""Lists: what the official (and a company's own) list files hold, and getting them in.

entries (the one entry model every importer produces), importers/ (one module per official
format), importing (detect, parse, store one transaction per list version), updates (download
from the publishers or a mirror, verify, import).
"""
