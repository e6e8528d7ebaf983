"""The views of the stakeholders app, one module per feature; public pages in public.py."""
