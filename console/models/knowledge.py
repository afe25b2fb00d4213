"""Knowledge base for technicians: articles per equipment model, with manuals and schematics attached."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.models.base import Base, UtcDateTime, utcnow


class KnowledgeArticle(Base):
    __tablename__ = "knowledge_articles"
    __table_args__ = (Index("ix_knowledge_articles_model", "equipment_model_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    equipment_model_id: Mapped[int | None] = mapped_column(
        ForeignKey("equipment_models.id", ondelete="CASCADE")
    )
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    attachments: Mapped[list[KnowledgeAttachment]] = relationship(
        back_populates="article", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class KnowledgeAttachment(Base):
    """A manual or schematic: its file name, type and where the file is kept."""

    __tablename__ = "knowledge_attachments"
    __table_args__ = (Index("ix_knowledge_attachments_article", "article_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("knowledge_articles.id", ondelete="CASCADE"))
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    location: Mapped[str] = mapped_column(String(1000))

    article: Mapped[KnowledgeArticle] = relationship(back_populates="attachments")
