"""Our own company's details, printed on work completion acts and used for VAT on every bill.

One team setting (`shared_settings`, key "company", a JSON document), so that every console of a team
issues acts with the same name, tax numbers, bank details and VAT rate. A missing row, or a field
missing from it, gives the default: empty text and 20 % VAT. Saving is guarded like the dispatch
rules: a save over someone else's newer version is refused instead of silently overwriting it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from sqlalchemy.orm import Session

from console.errors import QT_TRANSLATE_NOOP, ConsoleError
from console.services.access import require
from console.store.database import Database
from console.store.shared_settings import read_setting, write_setting

log = logging.getLogger(__name__)

SETTING_KEY: Final = "company"
DEFAULT_VAT_PERCENT: Final = Decimal("20")


@dataclass(frozen=True, slots=True)
class CompanyDetails:
    """Who issues the acts: names, ИНН (`tax_number`), КПП (`registration_code`), bank, VAT and signatory.

    `signatory` is the name and position of the person who signs acts for us, as it is printed.
    """

    name: str = ""
    legal_name: str = ""
    tax_number: str = ""
    registration_code: str = ""
    address: str = ""
    bank_details: str = ""
    vat_percent: Decimal = DEFAULT_VAT_PERCENT
    signatory: str = ""


@dataclass(frozen=True, slots=True)
class StoredCompany:
    """The details in force and the version of the stored document (0: never saved, defaults)."""

    details: CompanyDetails
    version: int


class CompanyRejected(ConsoleError):
    """A detail cannot be saved; `field` names it so that an editor can point at it."""

    context = "company"

    def __init__(self, name: str, template: str, **params: Any) -> None:
        self.field = name
        super().__init__(template, **params)


class CompanyConflict(ConsoleError):
    """Someone else saved the company details since the caller read them."""

    context = "company"

    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "company",
                "The company details were changed by someone else since you opened them; reload them "
                "and make your change again.",
            )
        )


def validate(details: CompanyDetails) -> None:
    """Raise CompanyRejected naming the first detail that cannot be used (only VAT can be wrong today)."""
    vat = details.vat_percent
    if not isinstance(vat, Decimal) or not vat.is_finite() or not Decimal(0) <= vat <= Decimal(100):
        raise CompanyRejected(
            "vat_percent",
            QT_TRANSLATE_NOOP("company", "VAT must be between 0 and 100 %, not {value}."),
            value=vat,
        )


def company_json(details: CompanyDetails) -> str:
    document = asdict(details)
    document["vat_percent"] = str(details.vat_percent)
    return json.dumps(document, sort_keys=True, ensure_ascii=False)


def _from_json(text: str) -> CompanyDetails:
    """The stored details, each missing or unusable field replaced by its default (and logged)."""
    defaults = CompanyDetails()
    try:
        document = json.loads(text)
    except ValueError:
        log.warning("stored company details are not JSON; using the defaults")
        return defaults
    if not isinstance(document, dict):
        log.warning("stored company details are not a JSON object; using the defaults")
        return defaults
    details = defaults
    for f in fields(CompanyDetails):
        if f.name not in document:
            continue
        value = document[f.name]
        if f.name == "vat_percent":
            try:
                candidate = replace(details, vat_percent=Decimal(str(value)))
                validate(candidate)
            except (InvalidOperation, CompanyRejected):
                log.warning("stored VAT %r is unusable; using the default", value)
                continue
            details = candidate
        elif isinstance(value, str):
            details = replace(details, **{f.name: value})  # type: ignore[arg-type]
        else:
            log.warning("stored company detail %s is not text; using its default", f.name)
    return details


def load_stored_company(session: Session) -> StoredCompany:
    """The company details with their version, for an editor that will save them back."""
    stored = read_setting(session, SETTING_KEY)
    if stored is None:
        return StoredCompany(CompanyDetails(), 0)
    return StoredCompany(_from_json(stored[0]), stored[1])


def load_company(session: Session) -> CompanyDetails:
    """The company details in force, or the defaults (empty text, 20 % VAT) when never saved."""
    return load_stored_company(session).details


def save_company(
    db: Database, details: CompanyDetails, expected_version: int, user_id: int | None = None
) -> int:
    """Store the details for the whole team (administrators); returns the new version.

    CompanyRejected when a detail is unusable (VAT outside 0..100), CompanyConflict when the stored
    version is no longer `expected_version` (0 meaning "never saved"); nothing is saved in either case.
    """
    validate(details)
    return write_setting(
        db,
        SETTING_KEY,
        company_json(details),
        expected_version=expected_version,
        user_id=user_id,
        conflict=CompanyConflict,
        check=lambda session: require(session, user_id, "settings"),
    )
