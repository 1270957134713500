"""The only part of the program that talks to the network: opt-in re-checks of recorded addresses.

Nothing here runs unless the application layer (`app/rechecks.py`) has the person's consent for it; this
package only knows how to check politely and privately (`fetch`), how to pace requests per host
(`schedule`) and how to run many checks side by side (`checker`). It is the only importer of `requests`.
"""
