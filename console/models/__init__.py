"""ORM entities of the whole domain, one module per aggregate; importing this package registers them all."""

from console.models.audit import AuditEntry
from console.models.base import Base, UtcDateTime, utcnow
from console.models.calendar import Calendar, CalendarDay
from console.models.change import ChangeLogEntry
from console.models.client import Client, ClientTier, Contact
from console.models.contract import Contract, ContractService, contract_equipment, contract_sites
from console.models.equipment import Equipment, EquipmentModel
from console.models.feedback import Feedback
from console.models.invoice import Invoice
from console.models.knowledge import KnowledgeArticle, KnowledgeAttachment
from console.models.lease import Lease
from console.models.maintenance import MaintenancePlan
from console.models.position import POSITION_SOURCES, TechnicianPositionReport
from console.models.saved_queue import SavedQueue
from console.models.schedule_store import SCHEDULE_TABLE, schedule_jobs
from console.models.setting import SharedSetting
from console.models.site import Site
from console.models.skill import Skill
from console.models.sla_policy import SlaPauseStatus, SlaPolicy, SlaTarget
from console.models.technician import Technician, technician_skills
from console.models.ticket import SLA_CLOCKS, SLA_ISSUES, SLA_STATES, Ticket, TicketHistory
from console.models.user import User
from console.models.visit import Consumable, Visit, WorkLog
from console.models.workflow import (
    MANDATORY_FIELDS,
    CategoryWorkflow,
    ChecklistItem,
    TicketChecklistMark,
    WorkflowStatus,
    WorkflowTransition,
)

__all__ = [
    "MANDATORY_FIELDS",
    "POSITION_SOURCES",
    "SCHEDULE_TABLE",
    "SLA_CLOCKS",
    "SLA_ISSUES",
    "SLA_STATES",
    "AuditEntry",
    "Base",
    "Calendar",
    "CalendarDay",
    "CategoryWorkflow",
    "ChangeLogEntry",
    "ChecklistItem",
    "Client",
    "ClientTier",
    "Consumable",
    "Contact",
    "Contract",
    "ContractService",
    "Equipment",
    "EquipmentModel",
    "Feedback",
    "Invoice",
    "KnowledgeArticle",
    "KnowledgeAttachment",
    "Lease",
    "MaintenancePlan",
    "SavedQueue",
    "SharedSetting",
    "Site",
    "Skill",
    "SlaPauseStatus",
    "SlaPolicy",
    "SlaTarget",
    "Technician",
    "TechnicianPositionReport",
    "Ticket",
    "TicketChecklistMark",
    "TicketHistory",
    "User",
    "UtcDateTime",
    "Visit",
    "WorkLog",
    "WorkflowStatus",
    "WorkflowTransition",
    "contract_equipment",
    "contract_sites",
    "schedule_jobs",
    "technician_skills",
    "utcnow",
]
