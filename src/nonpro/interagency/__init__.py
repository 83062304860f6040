"""Interagency review: the missile groups (MTEC, MTAG, MARC), referrals, advice, votes, clock."""

from nonpro.cases.gates import add_decision_check
from nonpro.cases.letter import add_consultation_source
from nonpro.cases.services import add_referral_check
from nonpro.cases.statutory import add_defense_referral_finder
from nonpro.interagency.consulted import consulted
from nonpro.interagency.decision_checks import (
    defense_referrals,
    has_referral,
    open_interagency_matters,
)

# Whoever uses interagency review imports this package (its tables, its services): from then on
# a case with an open referral or a pending escalation cannot be decided, on every path.
add_decision_check("interagency", open_interagency_matters)
# An interagency referral that names the Defense agency is the AECA §71(b)(1) referral.
add_defense_referral_finder(defense_referrals)
# ... and its decision letter names the groups and agencies the case was put to.
add_consultation_source("interagency", consulted)
# ... and a case goes to "referred" only with a referral behind it.
add_referral_check("interagency", has_referral)
