"""The UN Register of Conventional Arms: the state's own transfers and national report, other
states' reports and the SIPRI trade register imported for the mirror comparison."""
