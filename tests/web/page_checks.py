"""Reading pages back: parse the HTML and check what officers and their assistive tools rely on."""

import time
from typing import Any

import lxml.html
from fastapi.testclient import TestClient

MAX_PAGE_BYTES = 300 * 1024
FIELDS = "//input[not(@type='hidden') and not(@type='submit') and not(@type='button')] | //select | //textarea"


def parse(html: str) -> Any:
    """The page's element tree."""
    return lxml.html.fromstring(html)


def text_of(element: Any) -> str:
    """The visible text of ``element``, whitespace collapsed."""
    return " ".join(element.text_content().split())


def unlabelled_fields(tree: Any) -> list[str]:
    """Names of the form fields that have no ``<label for>`` nor ``aria-label``."""
    labelled = {label.get("for") for label in tree.xpath("//label[@for]")}
    return [
        field.get("name") or field.get("id") or "?"
        for field in tree.xpath(FIELDS)
        if field.get("id") not in labelled and not field.get("aria-label")
    ]


def field_error(tree: Any, field_id: str) -> str:
    """The error message tied to a field by ``aria-describedby`` (empty when none)."""
    field = tree.get_element_by_id(field_id)
    for described in (field.get("aria-describedby") or "").split():
        if described.endswith("-erreur"):
            assert field.get("aria-invalid") == "true"
            return text_of(tree.get_element_by_id(described))
    return ""


def page_weight(client: TestClient, html: str) -> int:
    """Bytes of the page with its style sheets, scripts and images."""
    tree = parse(html)
    links = tree.xpath("//link[@rel='stylesheet']/@href") + tree.xpath("//script/@src") + tree.xpath("//img/@src")
    return len(html.encode()) + sum(len(client.get(link).content) for link in links)


def finished_import(client: TestClient, response: Any, *, deadline_s: float = 120) -> Any:
    """The page of an import started by ``response`` (the form's answer, redirect followed), once the import
    has finished: its page marks a running import with ``data-import`` and refreshes itself until then."""
    give_up = time.monotonic() + deadline_s
    while 'data-import="' in response.text:
        assert time.monotonic() < give_up, "l'import ne s'est pas terminé"
        time.sleep(0.05)
        response = client.get(response.url)
    return response
