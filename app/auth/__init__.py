"""API keys, roles and the identity of whoever calls the service."""
