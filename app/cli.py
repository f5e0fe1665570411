"""The ``clausier`` command line: one Typer app, one sub-command group per domain."""

import json
from typing import Annotated, Any

import typer
from sqlalchemy.exc import SQLAlchemyError

from app import cli_french
from app.auth.cli import keys_cli
from app.bootstrap import describe_database
from app.buyers.cli import buyers_cli
from app.checks.cli import check_command
from app.clauses.cli import clauses_cli
from app.commands import fail, open_database
from app.config import get_settings
from app.db import make_engine, safe_url
from app.demo.cli import demo_cli
from app.documents.cli import docx_command
from app.followup.cli import followup_cli
from app.french import plural
from app.matching.cli import families_cli, match_command, obligations_cli
from app.purchases.cli import purchases_cli
from app.reports.cli import report_cli
from app.suppliers.cli import suppliers_cli
from app.tenders.cli import tenders_cli

cli_french.install()
cli = typer.Typer(
    help="Clausier — clauses sociales et environnementales pour les marchés publics.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,  # officers do not install shell completion; its options only speak English
)
db_cli = typer.Typer(help="Base de données.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")
cli.add_typer(clauses_cli, name="clauses")
cli.command("docx")(docx_command)
cli.command("match")(match_command)
cli.add_typer(families_cli, name="families")
cli.add_typer(obligations_cli, name="obligations")
cli.command("check")(check_command)
cli.add_typer(keys_cli, name="keys")
cli.add_typer(suppliers_cli, name="suppliers")
cli.add_typer(purchases_cli, name="purchases")
cli.add_typer(report_cli, name="report")
cli.add_typer(buyers_cli, name="buyers")
cli.add_typer(demo_cli, name="demo")
cli.add_typer(tenders_cli, name="tenders")
cli.add_typer(followup_cli, name="followup")


# uvicorn as Clausier runs it: uvloop and httptools; forwarded headers are judged by the app itself
# (app.http.TrustedProxies, CLAUSIER_TRUSTED_PROXIES), so uvicorn's own handling is off. A new worker
# imports the whole app before it answers its supervisor: on a busy machine that takes longer than
# uvicorn's 5 s, after which the worker would be killed and started again.
SERVER_OPTIONS: dict[str, Any] = {"loop": "uvloop", "http": "httptools", "proxy_headers": False,
                                  "server_header": False, "timeout_worker_healthcheck": 60}


@cli.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Adresse d'écoute.")] = None,
    port: Annotated[int | None, typer.Option(help="Port d'écoute.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Nombre de processus (plusieurs : PostgreSQL conseillé).")] = 1,
    access_log: Annotated[bool, typer.Option(help="Journal de chaque requête sur la sortie d'erreur.")] = True,
) -> None:
    """Lancer le service web (API + pages) après avoir préparé la base."""
    import uvicorn

    settings = get_settings()
    engine = open_database()
    typer.echo(database_line(describe_database(engine)), err=True)
    engine.dispose()
    uvicorn.run(
        "app.main:create_app", factory=True, host=host or settings.HOST, port=port or settings.PORT,
        workers=workers, access_log=access_log, **SERVER_OPTIONS,
    )


def database_line(info: dict[str, Any]) -> str:
    """One line saying which database this is, its schema revision and its contents."""
    tables = info["tables"]
    contents = ", ".join(
        plural(tables[name]["rows"], label) + (f" (dont {tables[name]['demo']} de démonstration)"
                                                if tables[name].get("demo") else "")
        for name, label in (("purchase", "marché"), ("supplier", "fournisseur"), ("buyer", "acheteur"))
        if name in tables
    )
    return f"Base de données : {info['url']} — révision {info['revision'] or 'aucune'}" + (
        f" — {contents}" if contents else "")


@db_cli.command("info")
def db_info(as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON.")] = False) -> None:
    """Dire quelle base est utilisée (adresse sans mot de passe, révision du schéma, lignes par table)
    sans la créer ni la modifier."""
    engine = make_engine(get_settings().DATABASE_URL, create_folder=False)
    try:
        info = describe_database(engine)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        fail(f"Base de données injoignable : {safe_url(get_settings().DATABASE_URL)} ({reason})")
    finally:
        engine.dispose()
    if as_json:
        typer.echo(json.dumps(info, ensure_ascii=False, indent=1))
        return
    typer.echo(f"Base de données : {info['url']}")
    if "file" in info:
        typer.echo(f"Fichier : {info['file']}" + ("" if info["exists"] else " (absent : créé au premier lancement)"))
    revision = info["revision"]
    state = "à jour" if revision == info["head"] else f"à mettre à jour vers {info['head']} (clausier db upgrade)"
    typer.echo(f"Révision du schéma : {revision or 'aucune'} ({state})")
    for name, counts in info["tables"].items():
        demo = f", dont {counts['demo']} de démonstration" if counts.get("demo") else ""
        typer.echo(f"  {name:<20} {plural(counts['rows'], 'ligne'):>15}{demo}")


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Appliquer les migrations (et charger les données intégrées si la base est vide)."""
    open_database().dispose()
    typer.echo("Base à jour.")


def main() -> None:
    """Entry point of the ``clausier`` console script."""
    cli()


if __name__ == "__main__":
    main()
