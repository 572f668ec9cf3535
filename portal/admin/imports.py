"""Bulk import of petitions, resolutions and budget figures (CSV or XLSX)."""
