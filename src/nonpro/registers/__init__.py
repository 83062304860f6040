"""Registers the office keeps over time, one subpackage each: ``arms`` (the UN Register of
Conventional Arms), ``agreements`` (nuclear cooperation and safeguards arrangements), ``files``
(negotiation files, states' positions, position papers) and ``votes`` (UNGA First Committee).

What they share stays here: ``csv_rows`` (reading an imported table) and ``errors``.
"""
