"""The workplan inventory's schema: what one entry holds, and the vocabularies of its fields.

An *entry* is a process, mechanism or initiative in the field of migration that may contribute to the
preparations of the global compact for safe, orderly and regular migration (New York Declaration,
A/71/1). Every fact in an entry comes from a cited source; a field the source does not state holds
:data:`NOT_STATED` instead of a guess.

Dates are ISO 8601 at the precision the source gives: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``. The date
an entry was last reviewed is always a full date.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from ..i18n import N_

NOT_STATED = "not stated in source"
"""The value of any field whose fact the cited sources do not give."""

ONGOING = "ongoing"
"""``period.end`` of an entry that has not ended."""

KINDS: dict[str, str] = {
    "process": N_("A recurring or continuing series of intergovernmental consultations or dialogues."),
    "mechanism": N_("A standing body or arrangement with a mandate (commission, coordination meeting)."),
    "initiative": N_("A time-bound effort launched by governments or organizations."),
    "report": N_("A report whose findings or proposals bear on the compact's preparation."),
    "conference": N_("An international conference, high-level dialogue or high-level meeting."),
    "outcome document": N_("A text adopted by the General Assembly or an international conference "
    "(declaration, programme of action, agenda)."),
}
STATUSES: dict[str, str] = {
    "active": N_("Running, meeting or being implemented, as the source states."),
    "concluded": N_("Held, ended or completed; the source states no further activity."),
    "planned": N_("Decided or scheduled but not yet held."),
    NOT_STATED: N_("The sources do not state the status."),
}
SCOPES: dict[str, str] = {
    "global": N_("Open to, or concerning, all regions of the world."),
    "regional": N_("Within one region or sub-region (several such processes may share an entry)."),
    "national": N_("Within one country."),
    NOT_STATED: N_("The sources do not state the scope."),
}
CONTRIBUTION_TYPES: dict[str, str] = {
    "contribution": N_("Something the entry did or produced for the compact's preparation."),
    "recommendation": N_("A recommendation or proposal the entry made."),
}

Kind = Literal["process", "mechanism", "initiative", "report", "conference", "outcome document"]
Status = Literal["active", "concluded", "planned", "not stated in source"]
Scope = Literal["global", "regional", "national", "not stated in source"]
ContributionType = Literal["contribution", "recommendation"]
assert set(get_args(Kind)) == set(KINDS) and set(get_args(Status)) == set(STATUSES)
assert set(get_args(Scope)) == set(SCOPES) and set(get_args(ContributionType)) == set(CONTRIBUTION_TYPES)

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DATE_FIX = "write YYYY, YYYY-MM or YYYY-MM-DD"


def _as_text(value: Any) -> Any:
    """YAML reads ``2005`` as an int; a date written from Python may be a ``date``: both become text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def parse_partial_date(text: str) -> tuple[int, int | None, int | None]:
    """Split an ISO date of any precision into (year, month or None, day or None); ValueError if invalid."""
    m = _DATE_RE.match(text.strip())
    if not m:
        raise ValueError(f"'{text}' is not a date — {_DATE_FIX}")
    year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"'{text}' has month {month:02d}, which does not exist — {_DATE_FIX}")
    if day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"'{text}' is not a day of the calendar — {_DATE_FIX}") from None
    return year, month, day


def earliest(text: str) -> dt.date:
    """The first day a partial date can mean (``2005`` → 2005-01-01)."""
    year, month, day = parse_partial_date(text)
    return dt.date(year, month or 1, day or 1)


def latest(text: str) -> dt.date:
    """The last day a partial date can mean (``2005-02`` → 2005-02-28)."""
    year, month, day = parse_partial_date(text)
    if day is not None:
        return dt.date(year, month, day)
    if month is None:
        return dt.date(year, 12, 31)
    first_of_next = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def is_date(text: str) -> bool:
    """True if ``text`` is a date rather than :data:`NOT_STATED` or :data:`ONGOING`."""
    return text not in (NOT_STATED, ONGOING)


def _check_date(value: str) -> str:
    parse_partial_date(value)
    return value.strip()


def _check_date_or_not_stated(value: str) -> str:
    return value if value == NOT_STATED else _check_date(value)


def _check_end(value: str) -> str:
    return value if value in (NOT_STATED, ONGOING) else _check_date(value)


def _check_full_date(value: str) -> str:
    _, _, day = parse_partial_date(value)
    if day is None:
        raise ValueError(f"'{value}' is not a full date — write the day of the review as YYYY-MM-DD")
    return value.strip()


def _one_or_many(value: Any) -> Any:
    """A single name may be written without list brackets."""
    return [value] if isinstance(value, str) else value


def _check_text(value: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise ValueError("is empty — write the text or remove the field if it is optional")
    return value


def _check_language(value: str) -> str:
    value = value.strip().lower()
    if not re.fullmatch(r"[a-z]{2}", value):
        raise ValueError(f"'{value}' is not a language code — write its two letters (ISO 639-1): en, fr, es")
    return value


Text = Annotated[str, AfterValidator(_check_text)]
PartialDate = Annotated[str, BeforeValidator(_as_text), AfterValidator(_check_date)]
DateOrNotStated = Annotated[str, BeforeValidator(_as_text), AfterValidator(_check_date_or_not_stated)]
EndDate = Annotated[str, BeforeValidator(_as_text), AfterValidator(_check_end)]
FullDate = Annotated[str, BeforeValidator(_as_text), AfterValidator(_check_full_date)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(_Strict):
    """A document the inventory cites: the concept note or report a fact is taken from."""

    title: Text
    date: PartialDate
    url: Text | None = None
    language: Annotated[str, AfterValidator(_check_language)] = "en"
    """The language the source is written in (ISO 639-1: ``en``, ``fr``, ``es`` …); entries citing it keep
    its wording whatever the page's language, and the page says which language that is."""


class Period(_Strict):
    """When the entry ran: ``start`` (a date or not stated), ``end`` (a date, ongoing, or not stated)."""

    start: DateOrNotStated
    end: EndDate

    @field_validator("end")
    @classmethod
    def _end_not_before_start(cls, end: str, info: ValidationInfo) -> str:
        start = info.data.get("start")
        if start and is_date(start) and is_date(end) and latest(end) < earliest(start):
            raise ValueError(f"end {end} is before start {start} — swap them or correct the year")
        return end


class Contribution(_Strict):
    """A concrete contribution or recommendation an entry made to the compact's preparation."""

    date: DateOrNotStated
    type: ContributionType
    text: Text
    source: Text


class Milestone(_Strict):
    """A dated fact about the entry itself (a decision, a meeting), shown on the timeline."""

    date: PartialDate
    text: Text
    source: Text


class Entry(_Strict):
    """One process, mechanism or initiative in the inventory."""

    name: Text
    kind: Kind
    lead: Annotated[list[Text], BeforeValidator(_one_or_many), Field(min_length=1)]
    period: Period
    scope: Scope
    status: Status
    description: Text
    sources: Annotated[list[Text], Field(min_length=1)]
    documents: list[Text] = Field(default_factory=list)
    contributions: list[Contribution] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    reviewed: FullDate

    @field_validator("lead")
    @classmethod
    def _not_stated_alone(cls, lead: list[str]) -> list[str]:
        if NOT_STATED in lead and len(lead) > 1:
            raise ValueError(f"'{NOT_STATED}' cannot stand beside named entities — keep one or the other")
        return lead

    @property
    def lead_text(self) -> str:
        """The lead or convening entities as one line."""
        return "; ".join(self.lead)

    @property
    def reviewed_date(self) -> dt.date:
        """``reviewed`` as a date."""
        return dt.date.fromisoformat(self.reviewed)

    def days_since_review(self, today: dt.date) -> int:
        """Whole days between the last review and ``today``."""
        return (today - self.reviewed_date).days

    def is_stale(self, today: dt.date, stale_after_days: int) -> bool:
        """True if the entry was last reviewed more than ``stale_after_days`` days before ``today``."""
        return self.days_since_review(today) > stale_after_days

    def known_dates(self) -> list[str]:
        """Every date the entry states (period, milestones, contributions), in no particular order."""
        dates = [d for d in (self.period.start, self.period.end) if is_date(d)]
        dates += [m.date for m in self.milestones]
        dates += [c.date for c in self.contributions if is_date(c.date)]
        return dates

    def first_date(self) -> dt.date | None:
        """The earliest day the entry's dates can mean, or None if the sources give no date."""
        dates = self.known_dates()
        return min(earliest(d) for d in dates) if dates else None


class Inventory(_Strict):
    """The whole inventory: the cited sources (by id) and the entries, in file order."""

    sources: dict[str, Source]
    entries: list[Entry]

    def select(
        self,
        kinds: list[str] | None = None,
        statuses: list[str] | None = None,
        scopes: list[str] | None = None,
    ) -> list[Entry]:
        """The entries whose kind, status and scope are among those given (None or empty: any)."""
        return [
            e
            for e in self.entries
            if (not kinds or e.kind in kinds)
            and (not statuses or e.status in statuses)
            and (not scopes or e.scope in scopes)
        ]
