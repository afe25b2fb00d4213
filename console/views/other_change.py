"""Telling an editor whose save was refused what the other person changed, from the audit log.

A save over a newer version is refused; the editor keeps their input, and this adds who saved in
between, when, and which values they changed, so the editor can decide what to keep.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Final

from PySide6.QtCore import QCoreApplication

from console.services.audit_log import AuditRecord, latest_change
from console.store.database import Database
from console.views.audit_window import field_label, moment_text
from console.views.background import run_in_background

SHOWN_CHANGES: Final = 6
VALUE_CHARS: Final = 60


def _short(value: Any) -> str:
    text = "—" if value is None or value == "" else str(value)
    return text if len(text) <= VALUE_CHARS else text[: VALUE_CHARS - 1] + "…"


def _document_changes(old: str | None, new: str | None) -> list[str] | None:
    """The top-level values that differ between two JSON documents (None: not documents)."""
    try:
        before, after = json.loads(old or "{}"), json.loads(new or "{}")
    except ValueError:
        return None
    if not isinstance(before, dict) or not isinstance(after, dict):
        return None
    return [
        f"{field_label(key)}: {_short(before.get(key))} → {_short(after.get(key))}"
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    ]


def describe(records: list[AuditRecord]) -> str:
    """ "Saved meanwhile by Olga at 10:32: Priority: normal → high; …" for one change of one record."""
    if not records:
        return ""
    lines: list[str] = []
    for record in records:
        if record.op != "update":
            continue
        document = _document_changes(record.old, record.new)
        lines.extend(
            document
            if document is not None
            else [f"{field_label(record.field or '')}: {_short(record.old)} → {_short(record.new)}"]
        )
    who = records[0].actor or QCoreApplication.translate("other_change", "the system")
    head = (
        QCoreApplication.translate("other_change", "Saved meanwhile by %1 at %2")
        .replace("%1", who)
        .replace("%2", moment_text(records[0].at))
    )
    if len(lines) > SHOWN_CHANGES:
        lines = [
            *lines[:SHOWN_CHANGES],
            QCoreApplication.translate("other_change", "and %1 more").replace(
                "%1", str(len(lines) - SHOWN_CHANGES)
            ),
        ]
    return head + (": " + "; ".join(lines) if lines else ".")


def show_other_change(
    db: Database, user_id: int | None, entity: str, record: int | str, show: Callable[[str], None]
) -> None:
    """Look up the record's newest change off the GUI thread and hand its description to `show`."""
    run_in_background(
        lambda: describe(latest_change(db, entity, record, user_id=user_id)),
        lambda text: show(text) if text else None,
        lambda _exc: None,
    )
