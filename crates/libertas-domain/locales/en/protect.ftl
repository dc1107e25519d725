# Protect: identification decisions and tasks. English.
protect-placeholder = Protect
