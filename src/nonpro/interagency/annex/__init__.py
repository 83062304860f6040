"""MARC as the Missile Annex Review Committee: proposals to amend the MTCR Annex, the member
agencies' views, the U.S. position, the Technical Experts Meeting and plenary outcomes."""
