"""Interagency review: the missile groups (MTEC, MTAG, MARC), referrals, advice, votes, clock.

Its checks on cases are installed by ``services.install_case_checks`` (``nonpro.wiring.install``).
"""
