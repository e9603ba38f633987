"""Services: what the command line and the window both do with a project (import, export, integrity checks,
curation, suggestions, training, transfers, schema files, handouts).

Above ``formats/`` and ``store/``, below ``cli/`` and ``ui/``: no Qt, and no SQL (the store owns it).
"""
