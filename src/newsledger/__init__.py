"""newsledger: a sourced, deduplicated, corroborated ledger of events from news reports."""

from newsledger.spacy_import import without_command_line

__version__ = "0.1.0"

without_command_line()
