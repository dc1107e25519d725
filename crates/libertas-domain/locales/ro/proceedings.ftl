# Proceedings (ro).
