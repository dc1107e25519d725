# Proceedings (en).
