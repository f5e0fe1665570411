"""The audit trail: one append-only row per write."""
