"""Whether a new password is strong enough: long enough, not the user name, hard to guess.

The guessability estimate is zxcvbn's (Dropbox's estimator): it knows the common passwords,
dictionary words, keyboard walks, dates and l33t substitutions, and scores 0 to 4.
"""

from __future__ import annotations

from zxcvbn import zxcvbn

from nonpro.accounts.rules import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, MIN_PASSWORD_SCORE
from nonpro.core.errors import InvalidInput

# A two-letter user name ("al") occurs in too many good passphrases to forbid.
MIN_NAME_IN_PASSWORD = 3


def password_problem(password: str, *, username: str | None) -> str | None:
    """What is wrong with ``password`` as a new password, or None; never quotes the password."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"must be at least {MIN_PASSWORD_LENGTH} characters"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"must be at most {MAX_PASSWORD_LENGTH} characters"
    folded = password.casefold()
    if username and len(username) >= MIN_NAME_IN_PASSWORD and username.casefold() in folded:
        return "must not contain the user name"
    estimate = zxcvbn(password, user_inputs=[username] if username else [])
    if estimate["score"] < MIN_PASSWORD_SCORE:
        warning = estimate["feedback"]["warning"]
        reason = f" ({warning.rstrip('.').lower()})" if warning else ""
        return f"is too easy to guess{reason}: use a longer phrase of uncommon words"
    return None


def check_password_strength(
    password: str, *, username: str | None, field: str = "password"
) -> None:
    """Raise ``InvalidInput(field, ...)`` if ``password`` is too weak."""
    problem = password_problem(password, username=username)
    if problem is not None:
        raise InvalidInput(field, problem)
