"""Tender matching: French text pipeline, purchase families and thesaurus, CPV rules, clause index, ranking
and obligations.

The core (text, families, rules, knowledge, cpv, clauses, index, detection, ranking, obligations, matcher)
imports neither FastAPI nor the database; the purchase families, the thesaurus and the obligation rules are
data files (``families/``, ``obligations/``) read by ``knowledge.py``. ``service.py`` feeds the core the
library and the knowledge in force, ``routes.py`` and ``cli.py`` expose it.
"""
