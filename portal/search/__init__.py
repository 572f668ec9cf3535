"""Search: Vietnamese analysis, backends, the outbox that keeps the index true."""
