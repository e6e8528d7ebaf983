"""The views of reports: committee papers and their downloads, the exports page, the workspace home, the dashboard."""
