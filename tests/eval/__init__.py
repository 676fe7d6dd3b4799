"""Evaluation on the shared gold data, with pinned score floors."""
