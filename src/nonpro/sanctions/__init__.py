"""Sanctions: missile and WMD sanctions authorities as rules, and the register of determinations.

Typical use::

    from nonpro.controls import load_annex
    from nonpro.sanctions.services import evaluate, parse_facts

    result = evaluate(parse_facts(raw), annex=load_annex(), as_of=date.today())
"""
