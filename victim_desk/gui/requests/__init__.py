"""The screens of letters and their clocks: the letter wizard, a case's requests with live countdowns,
the deadline board across cases, and a case's read-only history (issue 13, items 2, 3 and 6)."""
