"""Tender matching: French text pipeline, thesaurus, CPV rules, clause index, ranking and obligations.

Pure Python: no FastAPI, no database. ``service.py`` feeds it the current library.
"""
