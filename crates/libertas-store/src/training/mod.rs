//! Training and mentoring of justice professionals (Strengthen).
