"""Interagency review: the missile groups (MTEC, MTAG, MARC), referrals, advice, votes, clock."""
