# justice. English.
justice-placeholder = justice
