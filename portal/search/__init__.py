"""Search: the Vietnamese analysis shared by every backend."""
