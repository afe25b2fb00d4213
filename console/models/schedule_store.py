"""The table APScheduler keeps the maintenance schedule in, made by a migration like every other table.

APScheduler's SQLAlchemy job store would create it the first time a console runs the schedule. It is
declared here with the job store's own columns so that the migrations make it: a database's schema
is then complete after `upgrade`, and a PostgreSQL role without the right to create tables can run
the schedule.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, LargeBinary, Table, Unicode

from console.models.base import Base

SCHEDULE_TABLE = "apscheduler_jobs"

schedule_jobs = Table(
    SCHEDULE_TABLE,
    Base.metadata,
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25), index=True),
    Column("job_state", LargeBinary, nullable=False),
)
