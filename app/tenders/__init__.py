"""Tender files: a consultation prepared lot by lot, saved, reopened, generated and awarded."""
