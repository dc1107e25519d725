# care. Română.
care-placeholder = care
