"""Importers: the starter data loader and bulk imports, idempotent upserts through services."""
