"""Tender matching: French text pipeline, thesaurus and purchase families, CPV rules, clause index, ranking
and obligations.

The core (text, thesaurus, sectors, cpv, clauses, index, detection, ranking, obligations, matcher) imports
neither FastAPI nor the database; ``service.py`` feeds it the library in force, ``routes.py`` and ``cli.py``
expose it.
"""
