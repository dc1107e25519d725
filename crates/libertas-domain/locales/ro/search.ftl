# Search (ro).
