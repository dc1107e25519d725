# Stats (en).
