"""Domain services: every write goes through publishing.py, shared reads through queries.py."""
