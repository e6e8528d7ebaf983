"""The account page and the user management."""
