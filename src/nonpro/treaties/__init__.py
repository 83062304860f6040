"""Treaties and regimes: who is party to what, since when, as of any date."""
