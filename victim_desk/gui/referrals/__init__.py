"""Screens for referrals, the guide and evidence packages (issue 13, items 4 and 5).

The directory and referral letters (a tab of the case), the "what you can do now" guide and "verify a
package" (top-bar tools, usable while locked), and the export of a case's evidence package (a tab).
All of them call the application layer the CLI uses; nothing here decides what is shared or checked.
"""
