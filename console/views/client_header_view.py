"""The top of the client panel: who the client is and what they are owed, and the selected ticket's verdicts.

This part is shown first during a call (`ClientPanel` loads it before anything else): tier and
what it grants, personal manager, open tickets, SLA compliance over 90 days, the payment state,
the feedback trend, and for the selected ticket whether its work is covered and whether the caller
may ask for it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from console.services.client_overview import ClientHeader, ClockCompliance, PaymentState
from console.services.ticket_context import TicketContext
from console.views.errors_text import notice_text
from console.views.feedback_chart import FeedbackChart
from console.views.labels import clock_label, day_text, money_text
from console.views.record_model import ALARM_COLOUR, GOOD_COLOUR, WARNING_COLOUR

COMPLIANCE_WARNING = 0.9


def _label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _paint(label: QLabel, colour: str | None) -> None:
    label.setStyleSheet(f"color: {colour};" if colour else "")


class ClientHeaderView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _label(self, "client_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setText(self.tr("Select a ticket or find a client to see the client's context."))
        self.subtitle = _label(self, "client_subtitle")
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(2)
        for key, text in (
            ("tier", self.tr("Tier")),
            ("manager", self.tr("Personal manager")),
            ("open_tickets", self.tr("Open tickets")),
            ("sla", self.tr("SLA, last 90 days")),
            ("payment", self.tr("Payment")),
        ):
            self.fields[key] = _label(self, f"client_{key}")
            form.addRow(text, self.fields[key])
        self.chart = FeedbackChart(self)
        chart_box = QVBoxLayout()
        chart_box.setSpacing(0)
        chart_caption = QLabel(self.tr("Feedback by month"), self)
        chart_box.addWidget(chart_caption)
        chart_box.addWidget(self.chart)
        self.no_feedback = QLabel(self.tr("No feedback in the last 12 months."), self)
        chart_box.addWidget(self.no_feedback)
        chart_box.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(form, 3)
        top.addLayout(chart_box, 2)

        self.ticket_box = QFrame(self)
        self.ticket_box.setObjectName("ticket_context")
        self.ticket_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.ticket_title = _label(self.ticket_box, "ticket_context_title")
        bold = QFont(self.ticket_title.font())
        bold.setBold(True)
        self.ticket_title.setFont(bold)
        self.coverage_note = _label(self.ticket_box, "coverage_note")
        self.authority_note = _label(self.ticket_box, "authority_note")
        box = QVBoxLayout(self.ticket_box)
        box.setContentsMargins(6, 4, 6, 4)
        box.setSpacing(2)
        for label in (self.ticket_title, self.coverage_note, self.authority_note):
            box.addWidget(label)
        self.ticket_box.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(top)
        layout.addWidget(self.ticket_box)
        self.clear_header()

    def clear_header(self) -> None:
        for label in self.fields.values():
            label.clear()
        self.subtitle.clear()
        self.chart.show_months([])
        self.chart.hide()
        self.no_feedback.hide()

    def show_header(self, header: ClientHeader) -> None:
        self.title.setText(header.name)
        self.subtitle.setText(
            " · ".join(p for p in (header.legal_name, header.tax_number, header.phone) if p)
        )
        tier = header.tier + (f" — {header.tier_grants}" if header.tier_grants else "")
        if header.priority_support:
            tier += " " + self.tr("(priority support)")
        self.fields["tier"].setText(tier)
        self.fields["manager"].setText(header.manager or self.tr("none assigned"))
        self.fields["open_tickets"].setText(str(header.open_tickets))
        self._show_compliance(header.sla_compliance_90d)
        self._show_payment(header.payment)
        self.chart.show_months(header.feedback_by_month)
        self.chart.setVisible(bool(header.feedback_by_month))
        self.no_feedback.setVisible(not header.feedback_by_month)

    def _show_compliance(self, clocks: tuple[ClockCompliance, ...]) -> None:
        parts = []
        worst = 1.0
        for clock in clocks:
            if clock.share_met is None:
                continue
            worst = min(worst, clock.share_met)
            parts.append(
                self.tr("%1 %2% of %3")
                .replace("%1", clock_label(clock.clock))
                .replace("%2", f"{clock.share_met * 100:.0f}")
                .replace("%3", str(clock.decided))
            )
        label = self.fields["sla"]
        label.setText(" · ".join(parts) or self.tr("no decided SLA clocks"))
        _paint(label, WARNING_COLOUR.name() if worst < COMPLIANCE_WARNING else None)

    def _show_payment(self, payment: PaymentState) -> None:
        label = self.fields["payment"]
        if payment.outstanding_invoices == 0:
            label.setText(self.tr("Paid up"))
            _paint(label, GOOD_COLOUR.name())
            return
        text = (
            self.tr("%1 unpaid invoice(s), %2 outstanding")
            .replace("%1", str(payment.outstanding_invoices))
            .replace("%2", money_text(payment.outstanding_amount))
        )
        if payment.overdue:
            text += "; " + (
                self.tr("OVERDUE: %1 invoice(s), %2, since %3")
                .replace("%1", str(payment.overdue_invoices))
                .replace("%2", money_text(payment.overdue_amount))
                .replace("%3", day_text(payment.oldest_overdue_on))
            )
        label.setText(text)
        _paint(label, ALARM_COLOUR.name() if payment.overdue else None)

    def show_ticket(self, context: TicketContext | None) -> None:
        """The selected ticket's coverage and caller authority; hidden when None."""
        if context is None:
            self.ticket_box.hide()
            return
        where = " · ".join(p for p in (context.site_name, context.equipment_label) if p)
        self.ticket_title.setText(
            self.tr("Ticket %1").replace("%1", context.number) + (f": {where}" if where else "")
        )
        coverage = context.coverage
        if coverage.covered and not coverage.billable:
            text = "✔ " + self.tr("Covered by contract %1.").replace("%1", coverage.contract_number or "")
            colour = GOOD_COLOUR
        else:
            text = "✖ " + (
                self.tr("Not covered: the work is billable.")
                if coverage.billable
                else self.tr("Not covered by a contract.")
            )
            colour = ALARM_COLOUR
        lines = [text, *(f"⚠ {notice_text(n)}" for n in coverage.warnings)]
        self.coverage_note.setText("\n".join(lines))
        _paint(self.coverage_note, colour.name())
        authority = context.authority
        if authority is None:
            self.authority_note.setText(self.tr("The ticket names no contact."))
            _paint(self.authority_note, None)
        elif authority.allowed:
            text = "✔ " + self.tr("%1 may request this work").replace("%1", context.contact_name or "")
            text += (
                self.tr(" and approve it.")
                if authority.may_approve
                else self.tr("; approval needs another contact.")
            )
            self.authority_note.setText(text)
            _paint(self.authority_note, GOOD_COLOUR.name())
        else:
            self.authority_note.setText("\n".join(f"⚠ {notice_text(n)}" for n in authority.warnings))
            _paint(self.authority_note, WARNING_COLOUR.name())
        self.ticket_box.show()
