# justice. Română.
justice-placeholder = justice
