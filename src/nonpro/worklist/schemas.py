"""What the work queue answers: sections of items, each item a link with its reason."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field, computed_field

from nonpro.accounts.rules import Role
from nonpro.worklist.rules import SortKey


class WorkItem(BaseModel):
    """One thing that waits for the reader, and where it is handled."""

    title: str
    link: str = Field(description="the page where it is handled, relative to the site")
    reason: str = Field(description="why it is in the queue, in a sentence")
    due_on: date | None = Field(default=None, description="the date it is due by, where one is")
    late: bool = Field(default=False, description="past its due date and not yet done")
    case_reference: str | None = None


class WorkSection(BaseModel):
    key: str = Field(description="stable name of the section, e.g. 'assigned', 'referrals_due'")
    title: str
    empty: str = Field(description="what to say when the section has nothing")
    items: list[WorkItem]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def count(self) -> int:
        return len(self.items)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def late(self) -> int:
        return sum(1 for i in self.items if i.late)


class Worklist(BaseModel):
    """The queue of one signed-in person on one day."""

    username: str
    role: Role
    agency: str | None
    as_of: date
    sort: SortKey
    sections: list[WorkSection]
