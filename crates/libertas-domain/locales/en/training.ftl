# Training (en).
