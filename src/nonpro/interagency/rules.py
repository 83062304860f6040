"""The vocabulary of interagency review, how advice is consolidated and how a vote is counted.

Consolidation (per case, and per item or party where an agency advised on one):
approve + approve with provisos -> approve with provisos (the provisos of all);
any deny against an approval -> conflict; deny from all who took a position -> deny.
An agency that did not answer by its due date is deemed to have no objection (EO 12981).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class AdviceKind(StrEnum):
    APPROVE = "approve"
    APPROVE_WITH_PROVISOS = "approve_with_provisos"
    DENY = "deny"
    NO_POSITION = "no_position"
    REQUEST_INFORMATION = "request_information"


class Scope(StrEnum):
    CASE = "case"
    ITEM = "item"
    PARTY = "party"


class Outcome(StrEnum):
    PENDING = "pending"
    APPROVE = "approve"
    APPROVE_WITH_PROVISOS = "approve_with_provisos"
    DENY = "deny"
    CONFLICT = "conflict"
    INFORMATION_REQUESTED = "information_requested"
    NO_POSITION = "no_position"


class Standing(StrEnum):
    """Where one agency stands on one scope, as the consolidated view shows it."""

    ADVISED = "advised"
    PENDING = "pending"  # not answered, not yet due
    DEEMED_NO_OBJECTION = "deemed_no_objection"  # not answered by the due date


class VoteChoice(StrEnum):
    APPROVE = "approve"
    APPROVE_WITH_PROVISOS = "approve_with_provisos"
    DENY = "deny"
    ABSTAIN = "abstain"


class Majority(StrEnum):
    SIMPLE = "simple"
    TWO_THIRDS = "two_thirds"
    UNANIMOUS = "unanimous"


class Level(StrEnum):
    """The dispute ladder of EO 12981, lowest first, with the clock step that bounds each."""

    OPERATING_COMMITTEE = "operating_committee"
    ACEP = "acep"
    EARB = "earb"
    PRESIDENT = "president"


LEVEL_ORDER = list(Level)
# (clock step the appeal must be lodged by, clock step the level must decide by)
LEVEL_STEPS: dict[Level, tuple[str, str | None]] = {
    # Disagreement puts a case before the OC; it is "lodged" in time if before the OC's deadline.
    Level.OPERATING_COMMITTEE: ("oc_chair_decision", "oc_chair_decision"),
    Level.ACEP: ("acep_appeal", "acep_decision"),
    Level.EARB: ("earb_appeal", "earb_decision"),
    Level.PRESIDENT: ("president_appeal", None),
}
# The step whose real date anchors the next appeal window once a level has decided.
DECISION_STEP = {
    Level.OPERATING_COMMITTEE: "oc_chair_decision",
    Level.ACEP: "acep_decision",
    Level.EARB: "earb_decision",
}

_APPROVALS = {AdviceKind.APPROVE, AdviceKind.APPROVE_WITH_PROVISOS}


@dataclass(frozen=True)
class Position:
    """One agency's effective position on one scope."""

    agency: str
    standing: Standing
    kind: AdviceKind | None = None
    provisos: tuple[str, ...] = ()


@dataclass(frozen=True)
class Consolidation:
    outcome: Outcome
    provisos: list[str] = field(default_factory=list)
    deniers: list[str] = field(default_factory=list)
    approvers: list[str] = field(default_factory=list)
    complete: bool = True
    explanation: str = ""


def consolidate(positions: list[Position]) -> Consolidation:
    """Combine agencies' positions on one scope into one outcome, saying why."""
    advised = [p for p in positions if p.standing == Standing.ADVISED and p.kind]
    deemed = [p.agency for p in positions if p.standing == Standing.DEEMED_NO_OBJECTION]
    waiting = [p.agency for p in positions if p.standing == Standing.PENDING]
    deniers = [p.agency for p in advised if p.kind == AdviceKind.DENY]
    # Deemed consent counts as approval: silence is no objection under EO 12981.
    approvers = [p.agency for p in advised if p.kind in _APPROVALS] + deemed
    asking = [p.agency for p in advised if p.kind == AdviceKind.REQUEST_INFORMATION]
    provisos: list[str] = []
    for p in advised:
        if p.kind == AdviceKind.APPROVE_WITH_PROVISOS:
            provisos += [x for x in p.provisos if x not in provisos]
    complete = not waiting and not asking
    if deniers and approvers:
        why = f"{', '.join(deniers)} deny against the approval of {', '.join(approvers)}"
        return Consolidation(Outcome.CONFLICT, provisos, deniers, approvers, complete, why)
    if asking:
        why = f"{', '.join(asking)} asked for more information"
        return Consolidation(
            Outcome.INFORMATION_REQUESTED, provisos, deniers, approvers, False, why
        )
    if deniers:
        outcome, why = Outcome.DENY, f"denied by {', '.join(deniers)}; no agency approves"
    elif provisos:
        outcome = Outcome.APPROVE_WITH_PROVISOS
        why = f"approved by {', '.join(approvers)}, with the provisos of all"
    elif approvers:
        outcome, why = Outcome.APPROVE, f"approved by {', '.join(approvers)}"
    elif waiting:
        outcome, why = Outcome.PENDING, "no agency has advised yet"
    else:
        outcome, why = Outcome.NO_POSITION, "no agency took a position"
    if waiting and outcome != Outcome.PENDING:
        why += f"; still due from {', '.join(waiting)}"
    return Consolidation(outcome, provisos, deniers, approvers, complete, why)


@dataclass(frozen=True)
class Tally:
    outcome: VoteChoice | None  # None: no quorum, or no choice reached the majority
    counts: dict[str, int]
    present: int
    quorum: int
    quorate: bool
    explanation: str


def tally(votes: dict[str, VoteChoice], *, present: int, quorum: int, majority: Majority) -> Tally:
    """Count the votes on one agenda item. Approvals with and without provisos are one side
    (the provisos go with the result); abstentions are not votes cast."""
    counts = {c.value: sum(1 for v in votes.values() if v == c) for c in VoteChoice}
    quorate = present >= quorum
    if not quorate:
        why = f"{present} agencies present, quorum is {quorum}: no decision"
        return Tally(None, counts, present, quorum, False, why)
    approve = counts[VoteChoice.APPROVE] + counts[VoteChoice.APPROVE_WITH_PROVISOS]
    deny = counts[VoteChoice.DENY]
    cast = approve + deny
    need = {
        Majority.SIMPLE: cast // 2 + 1,
        Majority.TWO_THIRDS: -(-2 * cast // 3),
        Majority.UNANIMOUS: cast,
    }[majority]
    outcome: VoteChoice | None = None
    if cast and approve >= need and approve > deny:
        provisos = counts[VoteChoice.APPROVE_WITH_PROVISOS] > 0
        outcome = VoteChoice.APPROVE_WITH_PROVISOS if provisos else VoteChoice.APPROVE
    elif cast and deny >= need and deny > approve:
        outcome = VoteChoice.DENY
    why = (
        f"{approve} for approval, {deny} for denial, {counts[VoteChoice.ABSTAIN]} abstaining; "
        f"{majority.value.replace('_', ' ')} majority needs {need} of {cast}"
    )
    return Tally(outcome, counts, present, quorum, True, why)


def dissenters(votes: dict[str, VoteChoice], outcome: VoteChoice | None) -> list[str]:
    """Agencies whose vote went against the outcome (abstainers do not dissent)."""
    if outcome is None:
        return []
    side = VoteChoice.DENY if outcome == VoteChoice.DENY else VoteChoice.APPROVE
    return sorted(
        agency
        for agency, vote in votes.items()
        if vote != VoteChoice.ABSTAIN
        and (VoteChoice.DENY if vote == VoteChoice.DENY else VoteChoice.APPROVE) != side
    )


# --- who votes, who signs an appeal (law_process.md 5.1.8-5.1.11, 5.2.6) -------------------------


def voting_agencies(members: list[str], non_voting: list[str]) -> list[str]:
    """The members that vote; the others (the intelligence community) advise only."""
    return [m for m in members if m not in non_voting]


class SignerRole(StrEnum):
    """The office of the official who signs an appeal up the EO 12981 ladder."""

    AGENCY_HEAD = "agency_head"  # the head of the department or agency
    PAS_OFFICIAL = "pas_official"  # Senate-confirmed, or properly acting in that capacity
    OTHER_OFFICIAL = "other_official"


# Who must sign an appeal to each level, and the rule that says so. Disagreement itself puts a
# case before the Operating Committee: no signature is asked. An agency head is a PAS official.
APPEAL_SIGNERS: dict[Level, tuple[frozenset[SignerRole], str]] = {
    Level.ACEP: (
        frozenset({SignerRole.PAS_OFFICIAL, SignerRole.AGENCY_HEAD}),
        "an appeal to the ACEP is made in writing by a Senate-confirmed (PAS) official or "
        "someone properly acting in that capacity (EO 12981; law_process.md 5.1.8)",
    ),
    Level.EARB: (
        frozenset({SignerRole.AGENCY_HEAD}),
        "an appeal to the EARB comes from the head of the department or agency "
        "(EO 12981; law_process.md 5.1.10)",
    ),
    Level.PRESIDENT: (
        frozenset({SignerRole.AGENCY_HEAD}),
        "an appeal to the President comes from the head of a dissenting department or agency "
        "(EO 12981; law_process.md 5.1.11)",
    ),
}


def appeal_signature_problem(
    level: Level, signer_role: SignerRole | None, signed_by: str
) -> tuple[str, str] | None:
    """(field, problem) when the appeal is not signed by the role the order names, else None."""
    rule = APPEAL_SIGNERS.get(level)
    if rule is None:
        return None
    allowed, why = rule
    if not signed_by.strip():
        return "signed_by", f"name the official who signs: {why}"
    if signer_role is None:
        return "signer_role", f"say whose office signs: {why}"
    if signer_role not in allowed:
        said = signer_role.value.replace("_", " ")
        return "signer_role", f"the signer's office is given as {said}, but {why}"
    return None
