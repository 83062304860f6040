"""What an instrument and a participation event are, as parsers produce and the rules read them.

Events keep what the depositary records (the date on the page, the source, the note); the status of
a state is never stored but derived from its events for any date (``rules.status_of``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from nonpro.core.rejected_rows import ImportReport, RejectedRow


class InstrumentKind(StrEnum):
    TREATY = "treaty"
    PROTOCOL = "protocol"
    SAFEGUARDS_AGREEMENT = "safeguards_agreement"
    REGIME = "regime"  # politically binding arrangements: MTCR, HCOC, NSG, AG, WA, ZC


class EventKind(StrEnum):
    SIGNATURE = "signature"
    RATIFICATION = "ratification"
    ACCESSION = "accession"
    SUCCESSION = "succession"
    SUCCESSION_TO_SIGNATURE = "succession_to_signature"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    CONSENT_TO_BE_BOUND = "consent_to_be_bound"  # UNTC "(P)": CCW protocols
    # UNTC "(n)"; the IAEA: Iran applied its Additional Protocol provisionally 2016-2021
    PROVISIONAL_APPLICATION = "provisional_application"
    PROVISIONAL_APPLICATION_ENDED = "provisional_application_ended"  # Iran, AP, 2021-02-23
    ENTRY_INTO_FORCE = "entry_into_force"  # for the state; safeguards agreements and APs
    WITHDRAWAL = "withdrawal"  # date = notice, effective_date = when it takes effect
    WITHDRAWAL_OF_RATIFICATION = "withdrawal_of_ratification"  # Russia, CTBT, 2023
    # A signatory's notice that it does not intend to become a party (the United States on the
    # ATT, 18 July 2019, "unsigning"): it stays on the depositary's list of signatories, shown.
    INTENT_NOT_TO_BECOME_PARTY = "intent_not_to_become_party"
    ADMISSION = "admission"  # regimes: MTCR partner, NSG/AG/WA/ZC participant
    SUBSCRIPTION = "subscription"  # HCOC


# Events that make a state party (bound, member, partner, subscriber).
CONSENT_KINDS = frozenset(
    {
        EventKind.RATIFICATION,
        EventKind.ACCESSION,
        EventKind.SUCCESSION,
        EventKind.ACCEPTANCE,
        EventKind.APPROVAL,
        EventKind.CONSENT_TO_BE_BOUND,
        EventKind.ENTRY_INTO_FORCE,
        EventKind.ADMISSION,
        EventKind.SUBSCRIPTION,
    }
)
SIGNATURE_KINDS = frozenset({EventKind.SIGNATURE, EventKind.SUCCESSION_TO_SIGNATURE})


class Status(StrEnum):
    PARTY = "party"  # also member, partner, participant, subscriber of a regime
    # Consented to be bound (ratified, acceded...) but the instrument is not yet in force for it:
    # every CTBT ratifier; an NPT ratifier of 1969 until 5 March 1970; an ATT ratifier for 90 days.
    CONSENTED = "consented"
    # Applies it provisionally without being bound (Iran's Additional Protocol 2016-2021; ATT
    # signatories' declarations under art. 23): shown apart from party and signatory.
    PROVISIONAL = "provisional"
    SIGNATORY = "signatory"
    WITHDRAWN = "withdrawn"
    NONE = "none"
    # The events known cannot say: a date given only as "by" a list's date, a month or a year
    # that contains the day asked about. ``StateStatus.possible`` holds what it may be.
    UNKNOWN = "unknown"

    @property
    def words(self) -> str:
        """The status as a reader says it (CLI tables, reports)."""
        return _STATUS_WORDS[self]


_STATUS_WORDS = {
    Status.PARTY: "party",
    Status.CONSENTED: "ratified, not yet in force for it",
    Status.PROVISIONAL: "applies it provisionally, not bound",
    Status.SIGNATORY: "signatory, not party",
    Status.WITHDRAWN: "withdrawn",
    Status.NONE: "not party or signatory",
    Status.UNKNOWN: "unknown on this date",
}


class EifRule(BaseModel):
    """When an instrument enters into force: after ``count`` consents, including all of
    ``required_states`` (CTBT Annex 2, NPT depositaries), plus a delay, never before
    ``not_before``."""

    model_config = ConfigDict(frozen=True)

    text: str
    count: int | None = None
    required_states: tuple[str, ...] = ()
    delay_days: int = 0
    delay_months: int = 0  # "six months after the deposit" (CCW): same day, months later
    # "the first day of the sixth month after ..." (APMBC, CCM) is month arithmetic, not days
    delay_months_first_day: int = 0
    not_before: dt.date | None = None
    # For a state that consents once the instrument is in force ("for States whose instruments
    # are deposited subsequent to the entry into force ..."): the article, and its delay. Without
    # ``joiner_text`` the instrument's text for late joiners is not recorded, and none is applied.
    joiner_text: str | None = None
    joiner_delay_days: int = 0
    joiner_delay_months: int = 0
    joiner_delay_months_first_day: int = 0
    # Where the late-joiner article was read; without it the rule is as recalled, and said so.
    joiner_source: str | None = None


class Instrument(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    kind: InstrumentKind
    parent: str | None = None  # the treaty a protocol or amendment belongs to
    depositary: str | None = None
    adopted: dt.date | None = None
    opened_for_signature: dt.date | None = None
    entry_into_force: dt.date | None = None  # None: not (yet) in force, or not a treaty
    eif_rule: EifRule | None = None
    source: str
    as_of: dt.date
    note: str | None = None


class ParticipationEvent(BaseModel):
    model_config = ConfigDict(frozen=True)

    state: str = Field(min_length=3, max_length=3)  # ISO 3166 alpha-3, historic codes included
    instrument: str
    kind: EventKind
    date: dt.date  # the date the depositary records (deposit, notice, admission)
    # When the event takes effect where that differs: a withdrawal's effective date, the date a
    # successor state is bound from. None: ``date``.
    effective_date: dt.date | None = None
    source: str
    note: str | None = None
    # How well ``date`` is known: "month"/"year" store the last day of it, "known_by" the date of
    # the list that shows the state (the join date was not compiled), so no status is ever claimed
    # earlier than a source supports.
    date_precision: Literal["day", "month", "year", "known_by"] = "day"
    confidence: str | None = None  # the compiled data's label, e.g. "verified_excerpt"
    # A contested act (the DPRK's 2003 NPT withdrawal): kept and shown, not applied to status.
    disputed: bool = False

    @property
    def effective(self) -> dt.date:
        return self.effective_date or self.date

    @property
    def date_text(self) -> str:
        """The date as the source gives it: ``2011-06-30``, ``in 2011-06``, ``in 2011`` or
        ``by 2024-12-31 (exact date not compiled)``: a bound is never shown as a day."""
        if self.effective_date is not None or self.date_precision == "day":
            return self.effective.isoformat()
        if self.date_precision == "month":
            return f"in {self.date:%Y-%m}"
        if self.date_precision == "year":
            return f"in {self.date.year}"
        return f"by {self.date.isoformat()} (exact date not compiled)"

    @property
    def weak_source(self) -> str | None:
        """Why the fact rests on a weak source, in words; None when the source is the
        depositary's own page, an official document read, or the compiled data says verified.
        Shown beside the fact wherever a person reads it, not only in the JSON."""
        label = (self.confidence or "").lower()
        if "unverified" in label or "recollection" in label:
            return "unverified: compiled from memory, not read in a source"
        if "inferred" in label:
            return "inferred from another fact, not stated by a source"
        if "secondary" in label:
            return "secondary source (not the depositary, the IAEA or the regime)"
        return None


class WeakFacts(BaseModel):
    """The stored facts of one instrument that rest only on a weak source (``treaties check``)."""

    instrument: str
    reason: str
    states: list[str]  # alpha-3, sorted


class StatedCount(BaseModel):
    """A count a source page states about itself ("Parties : 178"), for reconciliation."""

    model_config = ConfigDict(frozen=True)

    instrument: str
    measure: Status  # PARTY or SIGNATORY ("Signatories : 187": every state that ever signed)
    value: int
    as_of: dt.date
    source: str
    among: str | None = None  # count only states also party to this instrument (AP among CSA)
    explanation: str | None = None  # a known reason the events may not reproduce it
    # The states themselves, where the page lists them (UNODA's per-country cells): then
    # reconciliation compares the lists, not only their lengths.
    states: tuple[str, ...] | None = None


class QuestionCount(BaseModel):
    """A source's count of the states answering a named cross-question on a date (the IAEA
    Safeguards Statement: "10 States Parties to the NPT had yet to bring into force
    comprehensive safeguards agreements"), reconciled against ``questions.ask``."""

    model_config = ConfigDict(frozen=True)

    question: str  # a key of ``questions.CROSS_QUESTIONS``
    value: int
    as_of: dt.date
    source: str
    explanation: str | None = None


class TreatyImport(BaseModel):
    """Everything one file or folder yielded; a failed parse raises instead of returning half."""

    events: list[ParticipationEvent] = Field(default_factory=list)
    stated_counts: list[StatedCount] = Field(default_factory=list)
    instruments: list[str] = Field(default_factory=list)  # codes the import covers
    sources: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    # Rows of a CSV that could not be read, and what each stood for: (instrument, state), either
    # None where the row's cell could not be read. The stored events of those keep standing.
    rows_read: int = 0
    refused: list[RejectedRow] = Field(default_factory=list)
    held: list[tuple[str | None, str | None]] = Field(default_factory=list)

    def extend(self, other: TreatyImport, file: str = "") -> None:
        """Add ``other``'s records; ``file`` names its refused rows when a folder is read."""
        self.events.extend(other.events)
        self.stated_counts.extend(other.stated_counts)
        self.instruments.extend(c for c in other.instruments if c not in self.instruments)
        self.sources.extend(other.sources)
        self.warnings.extend(other.warnings)
        self.rows_read += other.rows_read
        prefix = f"{file}, " if file else ""
        self.refused.extend(r.model_copy(update={"where": prefix + r.where}) for r in other.refused)
        self.held.extend(other.held)


class StateStatus(BaseModel):
    """The status of one state in one instrument as of a date, with the events behind it."""

    state: str
    instrument: str
    as_of: dt.date
    status: Status
    # The day the current status took effect, only when the source gives that day; ``since_text``
    # says it as the source does ("in 2011", "by 2024-12-31 (exact date not compiled)").
    since: dt.date | None = None
    since_text: str | None = None
    events: list[ParticipationEvent]
    notes: list[str] = Field(default_factory=list)
    # When ``status`` is UNKNOWN: the statuses the state may have had (without and with the events
    # whose dates may fall either side of ``as_of``).
    possible: list[Status] = Field(default_factory=list)


class StatusChange(BaseModel):
    state: str
    instrument: str
    date: dt.date
    before: Status
    after: Status
    event: ParticipationEvent


class PartiesResult(BaseModel):
    """The states (alpha-3, sorted) known to have ``status`` in an instrument as of a date, and
    those that may have it but whose events are not dated closely enough to say."""

    instrument: str
    as_of: dt.date
    status: Status
    states: list[str]
    unknown: list[str] = Field(default_factory=list)
    # What the reader must know to read the list: "the CTBT has not entered into force ...".
    note: str | None = None


class ChangesResult(BaseModel):
    instrument: str
    start: dt.date  # exclusive
    end: dt.date  # inclusive
    changes: list[StatusChange]


class CountryStatus(BaseModel):
    """A state's status in every instrument as of a date, each with the events behind it."""

    state: str
    as_of: dt.date
    instruments: list[StateStatus]


class EifStatus(BaseModel):
    """Entry-into-force arithmetic for an instrument as of a date."""

    instrument: str
    as_of: dt.date
    rule: str
    in_force: bool
    entry_into_force: dt.date | None = None  # computed from the events when the conditions are met
    consents: int
    count_required: int | None = None
    count_outstanding: int = 0
    required_outstanding: list[str] = Field(default_factory=list)  # alpha-3, sorted
    required_signed_not_ratified: list[str] = Field(default_factory=list)
    required_not_signed: list[str] = Field(default_factory=list)
    # Where the depositary's date differs from the one the recorded deposits give: both, and which
    # is shown (the depositary's).
    note: str | None = None


class Discrepancy(BaseModel):
    instrument: str
    measure: Status
    as_of: dt.date
    stated: int
    derived: int
    source: str
    missing: list[str] = Field(default_factory=list)  # the page lists them; the events do not
    unexpected: list[str] = Field(default_factory=list)  # the events give them; the page does not
    explanation: str | None = None  # a known reason, where the project has recorded one
    # A cross-question's count (``instrument`` then holds the question's name): the states
    # whose dates cannot say whether they answer it, among which the difference lies.
    question: str | None = None
    unknown: list[str] = Field(default_factory=list)


class ImportOut(BaseModel):
    """One stored import, as ``nonpro treaties imports`` and the pages list them."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    source: str  # the source key: an import replaces the events of (instrument, source)
    origin: str
    file_hash: str
    instruments: list[str]
    event_count: int
    stated_count_count: int
    warnings: list[str]
    loaded_at: dt.datetime
    loaded_by: str


class ImportOutcome(BaseModel):
    source: str
    unchanged: bool  # the same file as the source's last import: nothing was replaced
    imported: ImportOut
    replaced_events: int = 0  # stored events of the covered (instrument, source) pairs removed
    # A CSV's rows read, stored and refused, and the earlier events kept for what refused rows
    # stood for; None for status pages, which are read whole or refused.
    report: ImportReport | None = None


class CheckResult(BaseModel):
    """``nonpro treaties check``: every stated count against the stored events."""

    checked: int
    discrepancies: list[Discrepancy]
    weak: list[WeakFacts] = Field(default_factory=list)

    @property
    def unexplained(self) -> list[Discrepancy]:
        return [d for d in self.discrepancies if not d.explanation]


class TimelinePoint(BaseModel):
    """Counts of states by status in an instrument on one date (the chart of parties over time)."""

    date: dt.date
    parties: int  # known to be party on the date
    signatories: int
    unknown: int = 0  # states whose dates cannot say (a year, a month, a "by" bound)
    consented: int = 0  # ratified or acceded, the instrument not yet in force for them
