"""The time zone in which the field team's days are counted: routes, day plans, "today" on the KPIs.

One zone for the whole service organisation, Moscow for the first market. Sites and shift calendars
keep their own zones for SLA clocks and working hours; this one only says where a day starts.
"""

from typing import Final

FIELD_TIMEZONE: Final = "Europe/Moscow"
