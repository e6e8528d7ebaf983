"""The forms of the projects app, one module per feature."""
