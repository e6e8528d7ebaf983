"""Reads of the projects app across relations (rankings, roll-ups, deadlines, overlaps, public pages)."""
