"""Check a draft (RC, CCAP, CCTP or a whole consultation file): missing, outdated, risky and present clauses."""
