"""The `dispatch-console` command: the console itself, and the headless tasks beside it.

    dispatch-console [--db URL] [--simulate] [--no-demo]     open the console
    dispatch-console demo-data [--db URL] [--tickets N] [--seed S]
    dispatch-console db (upgrade | downgrade | status) [--db URL] [--revision R]
    dispatch-console watch [--db URL] [--count N]                print changes as other consoles commit them
    dispatch-console positions import FILE [--db URL]            record technicians' positions from a file
    dispatch-console import clients|sites|equipment FILE [--atomic] [--db URL]  reference data from CSV
    dispatch-console user add LOGIN --role ROLE [--name N] [--db URL]  add a user of a shared server
    dispatch-console user password LOGIN [--db URL]               set a user's password
    dispatch-console maintenance generate [--db URL] [--until DATE]  make planned maintenance jobs
    dispatch-console optimize solomon FILE --seconds N [--seed S]  solve a Solomon VRPTW instance
    dispatch-console report NAME --from DATE --to DATE --format xlsx|pdf|csv --out FILE [--by G] [--db URL]
    dispatch-console act --ticket NUMBER --out FILE.pdf [--db URL]     a ticket's work completion act
    dispatch-console billing --from DATE --to DATE [--client ID] --format csv|xlsx --out FILE [--db URL]

Bad input (an unreachable database, a file that is not SQLite, a database from a newer console)
ends with a one-paragraph message on stderr and exit status 2; nothing is changed. `positions
import` ends with status 1 when it rejected some rows (it still records the good ones); `optimize
solomon` with status 1 when the routes found are not feasible. `import` ends with status 1 when it
rejected some rows (the good ones are saved), and 2 when it saved nothing: the file refused as a
whole, or any row rejected with --atomic.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from console.errors import ConsoleError
from console.models.base import ROLES

EXIT_ROWS_REJECTED = 1
EXIT_BAD_INPUT = 2
EXIT_INFEASIBLE = 1
REJECTIONS_SHOWN = 50


def _positive(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative")
    return value


def _language_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--language",
        choices=("en", "ru"),
        default=None,
        help="language of the document (default: the system's)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dispatch-console", description="Dispatcher console for B2B field service."
    )
    parser.add_argument(
        "--db", help="SQLAlchemy database URL (default: SQLite file in the user's data folder)"
    )
    parser.add_argument(
        "--simulate", action="store_true", help="keep the demo alive: new tickets, moving technicians"
    )
    parser.add_argument("--no-demo", action="store_true", help="do not build demo data in an empty database")
    parser.add_argument(
        "--demo-tickets",
        type=_positive,
        default=100_000,
        help="historical tickets for the first-run demo data",
    )
    parser.add_argument(
        "--user", default=None, help="login of the local user (default: the operating system user)"
    )
    parser.add_argument(
        "--close-after",
        type=float,
        default=None,
        metavar="SECONDS",
        help="close the window after this long (a smoke test of an installed console)",
    )
    parser.add_argument(
        "--language",
        choices=("en", "ru"),
        default=None,
        help="interface language (default: as chosen in View → Language, else the system's)",
    )
    commands = parser.add_subparsers(dest="command")

    demo = commands.add_parser("demo-data", help="build the deterministic demo data set in an empty database")
    demo.add_argument(
        "--db", default=argparse.SUPPRESS, help="database URL (default: the embedded SQLite file)"
    )
    demo.add_argument(
        "--tickets", type=_positive, default=100_000, help="historical tickets (default 100000)"
    )
    demo.add_argument("--seed", type=int, default=1, help="random seed (default 1)")

    db = commands.add_parser("db", help="database schema: upgrade, downgrade, status")
    db.add_argument("action", choices=("upgrade", "downgrade", "status"))
    db.add_argument(
        "--db", default=argparse.SUPPRESS, help="database URL (default: the embedded SQLite file)"
    )
    db.add_argument("--revision", default=None, help="target revision (default: head / base)")

    watch = commands.add_parser(
        "watch", help="print each committed change as a JSON line, as consoles see it"
    )
    watch.add_argument(
        "--db", default=argparse.SUPPRESS, help="database URL (default: the embedded SQLite file)"
    )
    watch.add_argument(
        "--count", type=_positive, default=0, help="stop after this many changes (default: never)"
    )

    positions = commands.add_parser("positions", help="technicians' position log")
    position_commands = positions.add_subparsers(dest="positions_command", required=True)
    position_import = position_commands.add_parser(
        "import", help="record positions from a CSV or JSON-lines file; bad rows are listed and skipped"
    )
    position_import.add_argument(
        "file", type=Path, help="CSV with a header line, or one JSON object per line"
    )
    position_import.add_argument(
        "--db", default=argparse.SUPPRESS, help="database URL (default: the embedded SQLite file)"
    )

    reference_import = commands.add_parser(
        "import",
        help="create or update clients, sites or equipment from a CSV file; bad rows are listed and skipped",
    )
    reference_import.add_argument(
        "kind", choices=("clients", "sites", "equipment"), help="what the file holds"
    )
    reference_import.add_argument(
        "file", type=Path, help="CSV (UTF-8, ';' or ',') with a header line naming the columns"
    )
    reference_import.add_argument(
        "--atomic", action="store_true", help="save nothing at all if any row is rejected"
    )
    reference_import.add_argument(
        "--db", default=argparse.SUPPRESS, help="database URL (default: the embedded SQLite file)"
    )

    user = commands.add_parser("user", help="users who sign in to a shared server")
    user_commands = user.add_subparsers(dest="action", required=True)
    user_add = user_commands.add_parser("add", help="add a user (the password is asked for)")
    user_add.add_argument("login", help="the login they sign in with")
    user_add.add_argument("--role", choices=ROLES, required=True, help="what they may do")
    user_add.add_argument("--name", default=None, help="full name (default: the login)")
    user_password = user_commands.add_parser("password", help="set a user's password (asked for)")
    user_password.add_argument("login", help="whose password")
    for command in (user_add, user_password):
        command.add_argument(
            "--db", default=argparse.SUPPRESS, help="database URL (default: the embedded SQLite file)"
        )

    maintenance = commands.add_parser("maintenance", help="planned maintenance jobs")
    maintenance_commands = maintenance.add_subparsers(dest="maintenance_command", required=True)
    generate = maintenance_commands.add_parser(
        "generate",
        help="make the jobs of every maintenance plan up to a date; safe to run at any time and "
        "from several places at once (each occurrence is made once)",
    )
    generate.add_argument(
        "--db", default=argparse.SUPPRESS, help="database URL (default: the embedded SQLite file)"
    )
    generate.add_argument(
        "--until",
        type=_iso_date,
        default=None,
        help="last day to make jobs for, YYYY-MM-DD (default: each plan's own horizon from today)",
    )
    generate.add_argument(
        "--batch", type=int, default=None, help="plans per transaction (default 1000)", metavar="PLANS"
    )

    report = commands.add_parser(
        "report",
        help="compute a report for a period and write it as Excel, PDF or CSV (for scheduled mailing)",
    )
    report.add_argument("name", help="sla, equipment, repeat_failures, technicians, loyalty or profitability")
    report.add_argument("--from", dest="first", type=_iso_date, required=True, help="first day, YYYY-MM-DD")
    report.add_argument("--to", dest="last", type=_iso_date, required=True, help="last day, YYYY-MM-DD")
    report.add_argument("--format", choices=("xlsx", "pdf", "csv"), required=True)
    report.add_argument("--out", type=Path, required=True, help="file to write")
    report.add_argument(
        "--by", default=None, help="grouping, for reports that offer several (sla: client, ...)"
    )
    report.add_argument(
        "--db", default=argparse.SUPPRESS, help="database URL (default: the embedded SQLite file)"
    )
    _language_option(report)

    act = commands.add_parser("act", help="write the work completion act of a ticket as a PDF")
    act.add_argument("--ticket", required=True, metavar="NUMBER", help="the ticket's number")
    act.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="the PDF to write")
    act.add_argument(
        "--db", default=argparse.SUPPRESS, help="database URL (default: the embedded SQLite file)"
    )
    _language_option(act)

    billing = commands.add_parser("billing", help="export the billing lines of a period as CSV or Excel")
    billing.add_argument("--from", dest="first", type=_iso_date, required=True, help="first day, YYYY-MM-DD")
    billing.add_argument("--to", dest="last", type=_iso_date, required=True, help="last day, YYYY-MM-DD")
    billing.add_argument("--client", type=int, default=None, metavar="ID", help="one client (default: all)")
    billing.add_argument("--format", choices=("csv", "xlsx"), required=True, help="file format")
    billing.add_argument("--out", type=Path, required=True, metavar="FILE", help="the file to write")
    billing.add_argument(
        "--db", default=argparse.SUPPRESS, help="database URL (default: the embedded SQLite file)"
    )
    _language_option(billing)

    optimize = commands.add_parser("optimize", help="route optimisation benchmarks")
    optimize_commands = optimize.add_subparsers(dest="optimize_command", required=True)
    solomon = optimize_commands.add_parser(
        "solomon", help="solve a Solomon VRPTW instance with the day-plan solver; print one JSON line"
    )
    solomon.add_argument("file", type=Path, help="instance in Solomon's text format")
    solomon.add_argument("--seconds", type=float, required=True, help="time limit")
    solomon.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    return parser


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from error


def _maintenance_generate(args: argparse.Namespace) -> int:
    import time

    from console.services.maintenance_generation import BATCH_PLANS, generate
    from console.store.database import open_database

    if args.batch is not None and args.batch < 1:
        raise ConsoleError("--batch must be at least 1.")
    database = open_database(args.db)
    started = time.perf_counter()
    try:
        result = generate(database, args.until, batch_size=args.batch or BATCH_PLANS)
    finally:
        database.dispose()
    until = args.until.isoformat() if args.until else "each plan's horizon"
    print(
        f"{database.display_url}: {result.created} jobs made for {result.plans} plans up to {until} "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return 0


def _check_folder(path: Path) -> None:
    folder = path.resolve().parent
    if not folder.is_dir():
        raise ConsoleError(f"The folder {folder} does not exist; nothing was written.")


def _act(args: argparse.Namespace) -> int:
    from console.services.work_act import ticket_act
    from console.store.database import open_database
    from console.views.act_document import write_act_pdf
    from console.views.offscreen import gui_application

    _check_folder(args.out)
    database = open_database(args.db)
    try:
        with database.session() as session:
            act = ticket_act(session, args.ticket)
    finally:
        database.dispose()
    with gui_application(args.language):
        write_act_pdf(act, args.out)
    print(f"{args.out}: act {act.number}, total with VAT {act.gross}")
    return 0


def _billing(args: argparse.Namespace) -> int:
    from console.services.billing import client_billing, period_billing
    from console.services.billing_export import write_csv, write_xlsx
    from console.store.database import open_database

    if args.last < args.first:
        raise ConsoleError(
            f"The period ends ({args.last}) before it starts ({args.first}); nothing was written."
        )
    _check_folder(args.out)
    database = open_database(args.db)
    try:
        with database.session() as session:
            if args.client is None:
                bills = period_billing(session, args.first, args.last)
            else:
                try:
                    bills = [client_billing(session, args.client, args.first, args.last)]
                except KeyError:
                    raise ConsoleError(f"Client {args.client} does not exist; nothing was written.") from None
    finally:
        database.dispose()
    from PySide6.QtCore import QCoreApplication

    from console.views.offscreen import gui_application

    with gui_application(args.language):
        (write_csv if args.format == "csv" else write_xlsx)(
            bills, args.out, lambda text: QCoreApplication.translate("billing", text)
        )
    lines = sum(len(bill.lines) for bill in bills)
    gross = sum((bill.gross for bill in bills), start=0)
    print(f"{args.out}: {lines} lines for {len(bills)} clients, total with VAT {gross:.2f}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from console.services.report_catalogue import build_report
    from console.services.report_export import write_csv, write_xlsx
    from console.store.database import open_database

    _check_folder(args.out)
    database = open_database(args.db)
    try:
        report = build_report(database, args.name, args.first, args.last, args.by)
    except ValueError as error:
        raise ConsoleError(f"{error}; nothing was written.") from error
    finally:
        database.dispose()
    from console.views.offscreen import gui_application
    from console.views.report_document import tr, write_report_pdf

    with gui_application(args.language):
        if args.format == "csv":
            write_csv(report, args.out, tr)
        elif args.format == "xlsx":
            write_xlsx(report, args.out, tr)
        else:
            write_report_pdf(report, args.out)
    print(f"{args.out}: {len(report.rows)} rows, {args.first.isoformat()} to {args.last.isoformat()}")
    return 0


def _optimize_solomon(args: argparse.Namespace) -> int:
    import json

    from console.services.solomon import solve_instance

    summary = solve_instance(args.file, args.seconds, seed=args.seed)
    print(json.dumps(summary), flush=True)
    return 0 if summary["feasible"] else EXIT_INFEASIBLE


def _positions_import(args: argparse.Namespace) -> int:
    from console.services.position_import import REASONS, import_positions, parse_positions
    from console.store.database import open_database

    parsed = parse_positions(args.file)  # an unreadable file is refused before the database is touched
    database = open_database(args.db)
    try:
        report = import_positions(database, parsed)
    finally:
        database.dispose()
    print(
        f"{args.file}: imported {report.imported}, duplicates {report.duplicates}, "
        f"rejected {len(report.rejected)} ({len(report.moved)} technicians moved)"
    )
    for rejection in report.rejected[:REJECTIONS_SHOWN]:
        print(f"line {rejection.line}: {rejection.message}")
    if len(report.rejected) > REJECTIONS_SHOWN:
        print(f"... and {len(report.rejected) - REJECTIONS_SHOWN} more")
    if report.rejected:
        print("Rejected rows by reason:")
    counts = report.counts
    for reason in (r for r in REASONS if r in counts):
        print(f"  {REASONS[reason]}: {counts[reason]}")
    return EXIT_ROWS_REJECTED if report.rejected else 0


def _reference_import(args: argparse.Namespace) -> int:
    from console.services.reference_import import import_records, read_reference_file
    from console.store.database import open_database

    parsed = read_reference_file(args.kind, args.file)  # a refused file never touches the database
    database = open_database(args.db)
    try:
        result = import_records(database, args.kind, parsed, atomic=args.atomic)
    finally:
        database.dispose()
    counts = f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}"
    if result.saved:
        print(f"{args.file}: {args.kind} {counts}, rejected {len(result.rejections)}")
    else:
        print(
            f"{args.file}: {args.kind} nothing saved (--atomic), rejected {len(result.rejections)}; "
            f"the other rows would have {counts}"
        )
    for rejection in result.rejections:
        print(f"{args.file}:{rejection.line}: {rejection.reason}", file=sys.stderr)
    if not result.saved:
        return EXIT_BAD_INPUT
    return EXIT_ROWS_REJECTED if result.rejections else 0


def _new_password() -> str:
    """The password typed twice at a terminal, or the first line of standard input (for scripts)."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat the password: ") != first:
        raise SystemExit("dispatch-console: the two passwords differ; nothing was changed")
    return first


def _user(args: argparse.Namespace) -> int:
    from console.services.users import UserDraft, save_user, set_password
    from console.store.database import open_database

    password = _new_password()
    database = open_database(args.db)
    try:
        if args.action == "add":
            made = save_user(
                database,
                UserDraft(args.login, args.name or args.login, args.role, password=password),
                user_id=None,
            )
            print(f"User {made.login} ({made.role}) added to {database.display_url}")
        else:
            set_password(database, args.login, password, user_id=None)
            print(f"Password of {args.login} changed in {database.display_url}")
    finally:
        database.dispose()
    return 0


def _watch(args: argparse.Namespace) -> int:
    import json
    import time

    from console.store.change_stream import ChangeStream, DatabaseAway
    from console.store.database import open_database

    database = open_database(args.db, migrate=False)
    stream = ChangeStream(database.engine)
    first = stream.next_batch(0.0)  # listening (PostgreSQL) before saying ready leaves no gap
    print(json.dumps({"ready": True, "after": stream.last_id}), flush=True)
    seen = 0
    try:
        batch = first
        while not args.count or seen < args.count:
            for change in batch:
                received = time.time()
                record = {
                    "id": change.id,
                    "entity": change.entity,
                    "entity_id": change.entity_id,
                    "op": change.op,
                }
                print(json.dumps({**record, "origin": change.origin, "received": received}), flush=True)
                seen += 1
            try:
                batch = stream.next_batch()
            except DatabaseAway as exc:
                print(f"dispatch-console: the database is away ({exc}); retrying", file=sys.stderr)
                batch = []
                time.sleep(1.0)
    except KeyboardInterrupt:
        pass
    finally:
        stream.close()
        database.dispose()
    return 0


def _demo_data(args: argparse.Namespace) -> int:
    from console.services.demo_data import build_demo_data
    from console.store.database import open_database

    database = open_database(args.db)
    try:
        last = [-1]

        def progress(stage: str, share: float) -> None:
            step = int(share * 10)
            if stage == "tickets" and step != last[0]:
                last[0] = step
                print(f"  tickets: {share:.0%}", file=sys.stderr)

        summary = build_demo_data(database, tickets=args.tickets, seed=args.seed, progress=progress)
    finally:
        database.dispose()
    print(f"Demo data built in {database.display_url} in {summary.seconds:.1f} s:")
    for table, count in sorted(summary.counts.items()):
        print(f"  {table}: {count}")
    return 0


def _db(args: argparse.Namespace) -> int:
    from console.store import schema
    from console.store.database import open_database

    database = open_database(args.db, migrate=False)
    try:
        if args.action == "upgrade":
            schema.upgrade(database.engine, args.revision or "head")
        elif args.action == "downgrade":
            schema.downgrade(database.engine, args.revision or "base")
        current = schema.check(database.engine)
        known = schema.head_revision()
        print(f"{database.display_url}: schema {current or 'empty'} (this console knows up to {known})")
    finally:
        database.dispose()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "demo-data":
            return _demo_data(args)
        if args.command == "db":
            return _db(args)
        if args.command == "watch":
            return _watch(args)
        if args.command == "positions":
            return _positions_import(args)
        if args.command == "import":
            return _reference_import(args)
        if args.command == "user":
            return _user(args)
        if args.command == "maintenance":
            return _maintenance_generate(args)
        if args.command == "optimize":
            return _optimize_solomon(args)
        if args.command == "report":
            return _report(args)
        if args.command == "act":
            return _act(args)
        if args.command == "billing":
            return _billing(args)
        from console.app import run_gui

        return run_gui(
            db_url=args.db,
            login=args.user or getpass.getuser(),
            seed_demo=not args.no_demo,
            demo_tickets=args.demo_tickets,
            simulate=args.simulate,
            language=args.language,
            close_after_s=args.close_after,
        )
    except ConsoleError as exc:
        print(f"dispatch-console: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
