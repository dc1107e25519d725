# Search (en).
