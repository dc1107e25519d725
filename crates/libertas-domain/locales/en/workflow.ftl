# workflow. English.
workflow-placeholder = workflow
