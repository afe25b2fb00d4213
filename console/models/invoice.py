"""Invoices issued to a client and what has been paid on them: the payment state behind the client card.

Billing (issue 10) will write these from contracts and billable work; the client panel only reads
the outstanding and overdue amounts. The database refuses a payment above the amount.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import Base


class Invoice(Base):
    __tablename__ = "invoices"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        CheckConstraint("paid_amount >= 0 AND paid_amount <= amount", name="paid_within_amount"),
        CheckConstraint("due_on >= issued_on", name="due_after_issue"),
        Index("ix_invoices_client_due", "client_id", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id", ondelete="SET NULL"))
    number: Mapped[str] = mapped_column(String(40), unique=True)
    issued_on: Mapped[date]
    due_on: Mapped[date]
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    paid_amount: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal(0))
    paid_on: Mapped[date | None]
    version: Mapped[int] = mapped_column(default=1)
