"""The evidence screens: a case's fingerprinted files, and "is this one of ours?" across all cases."""
