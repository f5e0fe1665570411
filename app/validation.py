"""French messages for the Pydantic errors of the data files (clauses, legal references): pure."""

from typing import Any

from app.clauses.values import format_number

# Bounds of numbers (Field gt, ge, lt, le): the context key of the limit and how to say it.
BOUNDS = {"greater_than": ("gt", "supérieur à"), "greater_than_equal": ("ge", "au moins égal à"),
          "less_than": ("lt", "inférieur à"), "less_than_equal": ("le", "au plus égal à")}


def file_field_message(error: Any) -> str:
    """The French message of one Pydantic error found in a data file."""
    message = str(error["msg"]).removeprefix("Value error, ")
    kind = error["type"]
    if kind == "missing":
        return "champ obligatoire manquant"
    if kind == "extra_forbidden":
        return "champ inconnu"
    if kind == "literal_error":
        allowed = str(error.get("ctx", {}).get("expected", "")).replace("'", "").replace(" or ", " ou ")
        return f"valeur inconnue « {error['input']} » ; valeurs permises : {allowed}"
    if kind in ("too_short", "too_long"):
        return "nombre d'éléments hors des limites permises"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "nombre entier attendu"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return "date AAAA-MM-JJ attendue"
    if kind in ("list_type", "dict_type", "string_type", "bool_type", "bool_parsing"):
        return {"list_type": "liste attendue", "dict_type": "dictionnaire attendu",
                "string_type": "texte attendu"}.get(kind, "booléen attendu")
    if kind in ("float_type", "float_parsing"):
        return "nombre attendu"
    if kind == "string_too_short":
        return "texte trop court"
    if kind in BOUNDS:
        key, words = BOUNDS[kind]
        limit = error.get("ctx", {}).get(key)
        return f"nombre {words} {format_number(limit) if isinstance(limit, int | float) else limit} attendu"
    return message
