"""The Russian interface: every text of the code translated, the compiled file current, no text left
outside Qt's translation, and the console actually speaking Russian when asked to."""

from __future__ import annotations

import ast
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.translation_build import ROOT, TRANSLATIONS, update_sources
from console.views.date_axis import LocalDateAxis
from console.views.labels import day_text, money_text
from console.views.map_tiles_dialog import MapTilesDialog
from console.views.translations import install_translators

RUSSIAN = TRANSLATIONS / "console_ru.ts"
PLACEHOLDER = re.compile(r"%L?\d|%L?n|\{[^{}]*\}")
ACCELERATOR = re.compile(r"&(?!&)")
# Qt calls whose text argument a user reads; a literal there bypasses translation.
SHOWN = {
    "setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "setStatusTip", "setTitle",
    "addTab", "insertTab", "setTabText", "showMessage", "setHeaderLabels", "setHorizontalHeaderLabels",
    "addItem", "setItemText", "setLabelText", "information", "warning", "critical", "question",
    "setInformativeText", "setSuffix", "setPrefix", "setSpecialValueText", "addRow",
    "Column", "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QAction", "QGroupBox", "QToolButton",
}  # fmt: skip
WORDS = re.compile(r"[a-z]{2,}")


def _messages(path: Path) -> Iterator[tuple[str, ET.Element]]:
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield name, message


def _forms(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    forms = [form.text or "" for form in translation.iter("numerusform")]
    return forms or [translation.text or ""]


def test_every_text_in_the_code_has_a_finished_russian_translation(tmp_path: Path) -> None:
    current = tmp_path / RUSSIAN.name
    shutil.copy(RUSSIAN, current)
    update_sources([current])
    unfinished = [
        f"{context}: {message.findtext('source')}"
        for context, message in _messages(current)
        if message.find("translation") is not None
        and (message.find("translation").get("type") == "unfinished" or not all(_forms(message)))  # type: ignore[union-attr]
    ]
    assert not unfinished, "run `python -m console.translation_build` and translate:\n" + "\n".join(
        unfinished
    )
    assert current.read_text(encoding="utf-8") == RUSSIAN.read_text(encoding="utf-8"), (
        "resources/translations/console_ru.ts is not up to date with the code: run "
        "`python -m console.translation_build`"
    )


def test_translations_keep_placeholders_and_accelerators() -> None:
    wrong = []
    for context, message in _messages(RUSSIAN):
        source = message.findtext("source") or ""
        for form in _forms(message):
            if Counter(PLACEHOLDER.findall(form)) != Counter(PLACEHOLDER.findall(source)):
                wrong.append(f"{context}: {source!r} → {form!r} (placeholders)")
            if len(ACCELERATOR.findall(form)) != len(ACCELERATOR.findall(source)):
                wrong.append(f"{context}: {source!r} → {form!r} (accelerator)")
        if message.get("numerus") == "yes" and len(_forms(message)) != 3:
            wrong.append(f"{context}: {source!r} needs the three Russian plural forms")
    assert not wrong, "\n".join(wrong)


def test_the_compiled_translation_is_the_one_of_the_source(qapp: QApplication) -> None:
    translator = QTranslator()
    assert translator.load(str(RUSSIAN.with_suffix(".qm")))
    stale = []
    for context, message in _messages(RUSSIAN):
        source = message.findtext("source") or ""
        forms = _forms(message)
        counts = (1, 3, 5) if message.get("numerus") == "yes" else (-1,)
        for count, expected in zip(counts, forms, strict=False):
            if translator.translate(context, source, None, count) != expected:
                stale.append(f"{context}: {source!r}")
    assert not stale, "console_ru.qm is older than console_ru.ts: run `python -m console.translation_build`"


def test_no_text_is_shown_without_translation() -> None:
    found = []
    for path in sorted((ROOT / "console" / "views").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            function = node.func
            name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)
            receiver = function.value if isinstance(function, ast.Attribute) else None
            if name not in SHOWN or (isinstance(receiver, ast.Name) and receiver.id in ("log", "logger")):
                continue
            for argument in node.args:
                parts = argument.values if isinstance(argument, ast.JoinedStr) else [argument]
                if any(
                    isinstance(p, ast.Constant) and isinstance(p.value, str) and WORDS.search(p.value)
                    for p in parts
                ):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}(...)")
    assert not found, "texts shown without tr():\n" + "\n".join(found)


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    before = QLocale()
    installed = install_translators(qapp, "ru")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


def test_the_console_speaks_russian_when_asked(russian: None) -> None:
    assert QCoreApplication.translate("MainWindow", "&Tickets") == "&Заявки"
    assert QCoreApplication.translate("labels", "Critical") == "Критический"
    assert QLocale().toString(1234.5, "f", 2) == "1\u00a0234,50"
    assert day_text(date(2026, 11, 24)) == "24.11.2026"
    assert money_text(Decimal("12345.6")) == "12\u00a0345,60"
    noon = QDateTime(QDate(2026, 11, 24), QTime(12, 0)).toSecsSinceEpoch()
    axis = LocalDateAxis()
    assert axis.tickStrings([noon], 1.0, 86_400) == ["вт 24"]
    assert axis.tickStrings([noon], 1.0, 3_600) == ["12:00"]


def test_a_refusal_made_outside_the_views_is_shown_in_russian(russian: None, qtbot: QtBot) -> None:
    dialog = MapTilesDialog()
    qtbot.addWidget(dialog)
    dialog.url.setText("https://tiles.example.com/{z}/{x}.png")
    assert dialog.save() is False
    assert dialog.url_error.text() == "Адрес должен содержать {z}, {x} и {y}."
