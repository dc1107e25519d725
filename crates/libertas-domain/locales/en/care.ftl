# care. English.
care-placeholder = care
