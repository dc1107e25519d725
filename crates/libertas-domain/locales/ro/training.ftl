# Training (ro).
