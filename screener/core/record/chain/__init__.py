"""The hash chain: the writer every recorded row goes through, the list data chained at
import, anchors kept outside the database, and held list versions."""
