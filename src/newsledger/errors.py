"""The exception tree; only the CLI turns these into exit codes, and only web/ into HTTP errors.

NewsledgerError
├── InputError          nothing could be read, or an input path does not exist
├── ManifestError       the manifest file itself cannot be read
├── SettingsError       an unknown or malformed setting
├── PackError           a domain pack's data files are missing or malformed
├── StoreError          the ledger database cannot be opened, written or is not a ledger
│   └── LedgerBusyError another process writes the ledger (a build) or holds it open
├── NotFoundError       no event, article, story or actor has the id asked for
└── QueryError          a filter, sort or page parameter is malformed (names the parameter)
"""


class NewsledgerError(Exception):
    """Base of every error newsledger raises on purpose."""


class InputError(NewsledgerError):
    """No input could be read."""


class ManifestError(NewsledgerError):
    """The manifest file cannot be read at all (single bad rows are skips, not errors)."""


class SettingsError(NewsledgerError):
    """An unknown or malformed setting."""


class PackError(NewsledgerError):
    """A domain pack's data files are missing or malformed."""


class StoreError(NewsledgerError):
    """The ledger database cannot be opened or is not a ledger."""


class LedgerBusyError(StoreError):
    """Another process writes the ledger or holds it open; the message names it and says what to do."""


class NotFoundError(NewsledgerError):
    """No record has the id asked for."""


class QueryError(NewsledgerError):
    """A query parameter is malformed; ``parameter`` names it."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
