"""Multilateral work: meetings, delegations, instructions, HCOC notifications, IAEA contributions.

Services live in small modules (``calendar``, ``instructions``, ``hcoc``, ``contributions``) and
are gathered in ``services``; every write is audited in the caller's transaction.
"""
