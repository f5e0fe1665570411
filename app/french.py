"""French wording shared by everything users read: plurals (0 and 1 take the singular)."""


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``count`` and its noun in French: "0 marché", "1 marché", "2 marchés" (``plural_form`` when irregular)."""
    return f"{count} {singular if abs(count) < 2 else (plural_form or singular + 's')}"


def sentence(text: str) -> str:
    """``text`` with a capital first letter, as a message shown on its own."""
    return text[:1].upper() + text[1:]
