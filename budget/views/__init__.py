"""The views of the budget app, one module per feature; public pages in public.py."""
