"""Finding the client while the dispatcher types: by name, tax number, phone, address or equipment.

A caller rarely starts with the company's name. They say "the lift at Tverskaya 12 is stuck",
read a serial number off a plate, or the phone shows their number. `find_clients` therefore
looks in every place a client can be recognised by and says what matched, so the intake dialog
can preselect the contact, the site or the unit as well.

Nothing is stored for the search; the text is compared in the query, alike on SQLite and
PostgreSQL:

* Typed words must occur in the order typed, with anything between them ("тверская 12" finds
  "Москва, ул. Тверская, д. 12").
* Case never matters, in any alphabet. SQLite's `lower()` and LIKE fold only ASCII letters, so
  instead every letter becomes a class of its cases (`[Тт][Вв]...`) in a case-sensitive pattern:
  GLOB on SQLite, SIMILAR TO on PostgreSQL, which then agree whatever PostgreSQL's locale.
* "е" and "ё" match each other: few people type the dots.
* Phones are compared by their digits only, and a leading 7 or 8 (country or trunk code) is
  optional, so "+7 (495) 123-45-67", "8 495 1234567" and "4951234567" find the same contact.

Each place is searched by its own SELECT (none touches tickets), keeping its best rows, and the
places are combined with UNION ALL into one statement. Which places are searched depends on the
text (see `_prepare`), and the statement for each such shape is built once: afterwards only its
parameters change as the dispatcher types, since building and compiling SQLAlchemy expressions
would cost more than running them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Integer,
    Row,
    Select,
    String,
    Subquery,
    bindparam,
    case,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)

from console.models import Client, ClientTier, Contact, Equipment, EquipmentModel, Site
from console.store.database import Database

MIN_TEXT = 2
MIN_PHONE_DIGITS = 4
MATCH_KINDS = ("name", "tax_number", "phone", "address", "serial", "inventory")
"""What a match can be on, in the order that breaks a tie in how well the text matched."""

EXACT, PREFIX, WORD_START, INSIDE = 0, 1, 2, 3
TRUNK_CODES = ("", "7", "8")
PHONE_PUNCTUATION = " ()-+."
WORD_MARKS = ".-/:№«»\"'#"
"""Marks kept in words; they stand for themselves in GLOB and SIMILAR TO patterns. Any other
character that is not a letter or digit separates words (and so matches anything)."""
_E_LETTERS = "еёЕЁ"
_PHONE_TEXT = re.compile(r"[\d\s()+\-.]+")
_LEVELS = ("exact", "prefix", "word", "inside")


@dataclass(frozen=True, slots=True)
class ClientMatch:
    """One way the typed text found a client; the ids say what the intake dialog can preselect."""

    client_id: int
    client_name: str
    tier: str
    matched_on: str
    detail: str
    contact_id: int | None = None
    site_id: int | None = None
    equipment_id: int | None = None


@dataclass(frozen=True, slots=True)
class _Syntax:
    """A case-sensitive pattern match with character classes: its operator and "anything"."""

    operator: str
    any_text: str


GLOB = _Syntax("GLOB", "*")
SIMILAR_TO = _Syntax("SIMILAR TO", "%")


@dataclass(frozen=True, slots=True)
class _Shape:
    """What the statement for a text looks like: whether equipment and tax numbers are searched,
    how many phone numbers are compared (none: phones are not searched), and the pattern syntax."""

    equipment: bool
    tax_number: bool
    phone_keys: int
    syntax: _Syntax
    limit: int


# The text, as parameters ---------------------------------------------------------------------------


def _char_pattern(char: str) -> str:
    """`char` in any case: a class of its cases for a letter, else the character itself."""
    variants = _E_LETTERS if char in _E_LETTERS else (char, char.lower(), char.upper())
    cases = sorted({c for c in variants if len(c) == 1})
    return f"[{''.join(cases)}]" if len(cases) > 1 else char


def _pattern(phrase: str, syntax: _Syntax) -> str:
    """The words of the phrase in order, in any case, anything between them."""
    kept = "".join(c if c.isalnum() or c in WORD_MARKS else " " for c in phrase)
    return syntax.any_text.join("".join(_char_pattern(c) for c in word) for word in kept.split())


def _text_params(pattern: str, syntax: _Syntax) -> dict[str, str]:
    """The whole text, its start, the start of a word, anywhere."""
    anything = syntax.any_text
    forms = (
        pattern,
        f"{pattern}{anything}",
        f"{anything} {pattern}{anything}",
        f"{anything}{pattern}{anything}",
    )
    return dict(zip(_LEVELS, forms, strict=True))


def _tax_params(digits: str) -> dict[str, str]:
    return {"tax_exact": digits, "tax_prefix": f"{digits}%", "tax_inside": f"%{digits}%"}


def _phone_keys(phrase: str) -> list[str]:
    """The digits typed, when the phrase looks like (part of) a phone number, and without a leading
    7 or 8 in case that is the country or trunk code ("8 916" means numbers beginning "+7 916")."""
    if not _PHONE_TEXT.fullmatch(phrase):
        return []
    digits = re.sub(r"\D", "", phrase)
    if len(digits) < MIN_PHONE_DIGITS:
        return []
    return [digits, digits[1:]] if digits[0] in "78" else [digits]


def _phone_params(keys: list[str]) -> dict[str, str]:
    """Per key: the whole number and its start (both after an optional trunk code); for the digits
    as typed also the number's end and anywhere in it. Without its 7 or 8, the text is a trunk code
    and a number only when the number begins with it."""
    typed = keys[0]
    params = {
        "phone_loose": "%" + "%".join(keys[-1]) + "%",
        "phone_end": f"%{typed}",
        "phone_inside": f"%{typed}%",
    }
    for i, key in enumerate(keys):
        for t, trunk in enumerate(TRUNK_CODES):
            params[f"phone_exact{i}_{t}"] = f"{trunk}{key}"
            params[f"phone_prefix{i}_{t}"] = f"{trunk}{key}%"
    return params


# Conditions and how well they match --------------------------------------------------------------


def _text_like(column: Any, level: str, shape: _Shape) -> ColumnElement[bool]:
    """The column matches the text's pattern for `level` (case-sensitively: the pattern has the cases)."""
    condition: ColumnElement[bool] = column.op(shape.syntax.operator, is_comparison=True)(
        bindparam(level, type_=String)
    )
    return condition


def _text_rank(column: Any, shape: _Shape) -> ColumnElement[int]:
    """The whole text, its start, the start of a word, or anywhere."""
    return case(
        (_text_like(column, "exact", shape), EXACT),
        (_text_like(column, "prefix", shape), PREFIX),
        (_text_like(column, "word", shape), WORD_START),
        else_=INSIDE,
    )


def _phone_digits(column: Any) -> ColumnElement[str]:
    """The column's phone number with its punctuation removed."""
    digits: ColumnElement[str] = column
    for mark in PHONE_PUNCTUATION:
        digits = func.replace(digits, mark, "")
    return digits


def _numbers(column: Any, *owner: Any) -> Subquery:
    """The numbers in `column` holding the typed digits in order, with their owner and digits only.

    The test here (the digits with anything between them) is cheap and lets few numbers through
    to the costly removal of punctuation, which the conditions then see as one column.
    """
    return (
        select(*owner, column.label("number"), _phone_digits(column).label("digits"))
        .where(column.like(bindparam("phone_loose", type_=String)))
        .subquery()
    )


def _digits_like(digits: Any, names: list[str]) -> ColumnElement[bool]:
    return or_(*(digits.like(bindparam(name, type_=String)) for name in names))


def _trunk_forms(form: str, keys: range) -> list[str]:
    return [f"phone_{form}{i}_{t}" for i in keys for t in range(len(TRUNK_CODES))]


def _phone_condition(digits: Any, shape: _Shape) -> ColumnElement[bool]:
    """The digits as typed occur in the number, or it begins with them without their 7 or 8."""
    return _digits_like(digits, ["phone_inside", *_trunk_forms("prefix", range(1, shape.phone_keys))])


def _phone_rank(digits: Any, shape: _Shape) -> ColumnElement[int]:
    """The whole number, its start, its end, or digits inside it."""
    keys = range(shape.phone_keys)
    return case(
        (_digits_like(digits, _trunk_forms("exact", keys)), EXACT),
        (_digits_like(digits, _trunk_forms("prefix", keys)), PREFIX),
        (_digits_like(digits, ["phone_end"]), WORD_START),
        else_=INSIDE,
    )


def _tax_rank() -> ColumnElement[int]:
    return case(
        (Client.tax_number == bindparam("tax_exact", type_=String), EXACT),
        (Client.tax_number.like(bindparam("tax_prefix", type_=String)), PREFIX),
        else_=INSIDE,
    )


# One SELECT per place ---------------------------------------------------------------------------


def _matches(
    kind: str,
    detail: Any,
    matched: Any,
    rank: ColumnElement[int],
    shape: _Shape,
    *,
    contact_id: Any = None,
    site_id: Any = None,
    equipment_id: Any = None,
) -> Select[Any]:
    """A place's best rows: the client, the `matched` column, how well it matched, what it points at.

    Ordered as `_quality` orders them, missing ids as 0 (the backends sort NULL differently).
    """
    targets = {"contact_id": contact_id, "site_id": site_id, "equipment_id": equipment_id}
    rank_label = rank.label("rank")
    size = func.length(matched).label("size")
    return (
        select(
            literal(kind, String).label("kind"),
            Client.id.label("client_id"),
            Client.name.label("client_name"),
            ClientTier.name.label("tier"),
            detail.label("detail"),
            matched.label("matched"),
            *((null().cast(Integer) if c is None else c).label(n) for n, c in targets.items()),
            rank_label,
            size,
        )
        .select_from(Client)
        .join(ClientTier, ClientTier.id == Client.tier_id)
        .order_by(
            rank_label,
            size,
            Client.id,
            *(func.coalesce(c, 0) for c in targets.values() if c is not None),
        )
        .limit(shape.limit)
    )


def _by_name(column: Any, shape: _Shape) -> Select[Any]:
    return _matches("name", column, column, _text_rank(column, shape), shape).where(
        _text_like(column, "inside", shape)
    )


def _by_tax_number(shape: _Shape) -> Select[Any]:
    return _matches("tax_number", Client.tax_number, Client.tax_number, _tax_rank(), shape).where(
        Client.tax_number.like(bindparam("tax_inside", type_=String))
    )


def _by_phone(numbers: Subquery, shape: _Shape, detail: Any, **targets: Any) -> Select[Any]:
    """Clients by one of their phone numbers (see `_numbers`)."""
    digits = numbers.c.digits
    return (
        _matches("phone", detail, numbers.c.number, _phone_rank(digits, shape), shape, **targets)
        .join(numbers, numbers.c.client_id == Client.id)
        .where(_phone_condition(digits, shape))
    )


def _by_client_phone(shape: _Shape) -> Select[Any]:
    numbers = _numbers(Client.phone, Client.id.label("client_id"))
    return _by_phone(numbers, shape, numbers.c.number)


def _by_contact_phone(column: Any, shape: _Shape) -> Select[Any]:
    numbers = _numbers(column, Contact.id, Contact.client_id, Contact.site_id, Contact.full_name)
    return _by_phone(
        numbers,
        shape,
        numbers.c.full_name + ", " + numbers.c.number,
        contact_id=numbers.c.id,
        site_id=numbers.c.site_id,
    )


def _by_address(shape: _Shape) -> Select[Any]:
    return (
        _matches(
            "address", Site.address, Site.address, _text_rank(Site.address, shape), shape, site_id=Site.id
        )
        .join(Site, Site.client_id == Client.id)
        .where(_text_like(Site.address, "inside", shape))
    )


def _by_equipment(kind: str, column: Any, shape: _Shape) -> Select[Any]:
    """Clients by a number on one of their units; the detail names the model."""
    return (
        _matches(
            kind,
            EquipmentModel.manufacturer + " " + EquipmentModel.name + ", " + column,
            column,
            _text_rank(column, shape),
            shape,
            site_id=Equipment.site_id,
            equipment_id=Equipment.id,
        )
        .join(Site, Site.client_id == Client.id)
        .join(Equipment, Equipment.site_id == Site.id)
        .join(EquipmentModel, EquipmentModel.id == Equipment.model_id)
        .where(_text_like(column, "inside", shape))
    )


@cache
def _statement(shape: _Shape) -> CompoundSelect[Any]:
    """Every place's best rows in one statement, built once per shape."""
    selects = [_by_name(Client.name, shape), _by_name(Client.legal_name, shape), _by_address(shape)]
    if shape.equipment:
        selects.append(_by_equipment("serial", Equipment.serial_number, shape))
        selects.append(_by_equipment("inventory", Equipment.inventory_number, shape))
    if shape.tax_number:
        selects.append(_by_tax_number(shape))
    if shape.phone_keys:
        selects.append(_by_client_phone(shape))
        selects.extend(_by_contact_phone(column, shape) for column in (Contact.phone, Contact.mobile))
    return union_all(*(select(s.subquery()) for s in selects))


# Merging -----------------------------------------------------------------------------------------


def _ids(row: Row[Any]) -> tuple[int, ...]:
    return (row.client_id, row.contact_id or 0, row.site_id or 0, row.equipment_id or 0)


def _quality(row: Row[Any]) -> tuple[int, ...]:
    """Which matches make the list: the best kind of match, then the shortest matched text.

    Integers only, so that both backends choose alike; `_matches` orders each place the same way.
    """
    return (row.rank, MATCH_KINDS.index(row.kind), row.size, *_ids(row))


def _display(row: Row[Any]) -> tuple[object, ...]:
    """How the chosen matches are listed: the best kind of match, then alphabetically."""
    return (row.rank, MATCH_KINDS.index(row.kind), row.matched.casefold(), *_ids(row))


def _best(rows: list[Row[Any]], limit: int) -> list[Row[Any]]:
    """The best `limit` distinct targets: a contact found by phone and by mobile is one match.

    Each place keeps at most `limit` rows, and never the same target twice, so the best `limit`
    targets overall are always among the rows.
    """
    chosen: dict[tuple[object, ...], Row[Any]] = {}
    for row in sorted(rows, key=_quality):
        chosen.setdefault((row.kind, *_ids(row)), row)
        if len(chosen) == limit:
            break
    return sorted(chosen.values(), key=_display)


def _to_match(row: Row[Any]) -> ClientMatch:
    return ClientMatch(
        client_id=row.client_id,
        client_name=row.client_name,
        tier=row.tier,
        matched_on=row.kind,
        detail=row.detail,
        contact_id=row.contact_id,
        site_id=row.site_id,
        equipment_id=row.equipment_id,
    )


def _prepare(text: str, backend: str, limit: int) -> tuple[_Shape, dict[str, str]] | None:
    """The statement's shape and parameters for the text, or None when there is too little text.

    Serial and inventory numbers are looked for only in a single word with a digit (all of them
    have one); tax numbers only in digits, phones only in what looks like a phone number.
    """
    phrase = " ".join(text.split())
    syntax = GLOB if backend == "sqlite" else SIMILAR_TO
    pattern = _pattern(phrase, syntax)
    if len(phrase) < MIN_TEXT or limit <= 0 or not pattern:
        return None
    digits = phrase.replace(" ", "")
    keys = _phone_keys(phrase)
    shape = _Shape(
        equipment=" " not in phrase and any(c.isdigit() for c in phrase),
        tax_number=digits.isdigit(),
        phone_keys=len(keys),
        syntax=syntax,
        limit=limit,
    )
    params = _text_params(pattern, syntax)
    if shape.tax_number:
        params.update(_tax_params(digits))
    if keys:
        params.update(_phone_params(keys))
    return shape, params


def find_clients(db: Database, text: str, limit: int = 20) -> list[ClientMatch]:
    """Clients the text may mean, best match first, at most `limit`; [] for fewer than two characters.

    Best means: the whole text, then its start, the start of a word, anywhere; on a tie a name
    before a tax number, a phone, an address, a serial and an inventory number.
    """
    prepared = _prepare(text, db.backend, limit)
    if prepared is None:
        return []
    shape, params = prepared
    with db.session() as session:
        rows = list(session.execute(_statement(shape), params))
    return [_to_match(row) for row in _best(rows, limit)]
