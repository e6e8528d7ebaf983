"""The views of the projects app, one module per feature; public pages in public_*.py."""
