# Protect: decizii de identificare și sarcini. Română.
protect-placeholder = Protecție
