"""newsledger: a sourced, deduplicated, corroborated ledger of events from news reports."""

__version__ = "0.1.0"
