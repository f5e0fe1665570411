"""No import cycle among the modules of ``app/``, nor among its domain packages: every import counts, those made
inside functions included (read with ``ast``, nothing is imported)."""

import ast
from pathlib import Path

from app.config import PROJECT_ROOT

APP = PROJECT_ROOT / "app"


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> the ``app`` modules it imports anywhere in its code."""
    modules = {module_name(path): path for path in APP.rglob("*.py")}

    def known(name: str) -> str:
        while name not in modules:
            name = name.rpartition(".")[0]
        return name

    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(known(alias.name) for alias in node.names if alias.name.split(".")[0] == "app")
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], base]).strip(".")
                if base.split(".")[0] == "app":
                    targets.update(known(f"{base}.{alias.name}") for alias in node.names)
        graph[module] = targets - {module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan), each as a sorted list."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_imports_made_inside_functions() -> None:
    graph = import_graph()
    assert "app.reports.render" in graph["app.reports.cli"]  # imported in the command's body
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_among_modules() -> None:
    assert cycles(import_graph()) == []


def test_no_import_cycle_among_domain_packages() -> None:
    # Domain packages (auth, audit, clauses…) import one another one way only; the top-level modules that
    # assemble them (cli, commands, bootstrap, main) are not packages and may be imported by any of them.
    domains = {path.name for path in APP.iterdir() if (path / "__init__.py").is_file()}

    def domain(module: str) -> str | None:
        parts = module.split(".")
        return parts[1] if len(parts) > 1 and parts[1] in domains else None

    graph: dict[str, set[str]] = {}
    for module, targets in import_graph().items():
        if (source := domain(module)) is not None:
            graph.setdefault(source, set()).update(
                target for target in map(domain, targets) if target is not None and target != source)
    assert "audit" in graph["auth"]
    assert cycles(graph) == []
