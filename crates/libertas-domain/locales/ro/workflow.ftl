# workflow. Română.
workflow-placeholder = workflow
