# Stats (ro).
