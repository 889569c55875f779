"""The error tree. Domain code raises these; the CLI, API and web map them to exit codes and statuses.

    AuroraError
     ├── InputError          bad input from a file, a request or the command line (400 / exit 2)
     │    └── ImportFormatError   names the file and line (or URL) that is wrong
     ├── NotFoundError       (404)
     ├── ConflictError       (409)
     ├── SourceError         an upstream source (PTV, code lists) failed or misbehaved (502 / exit 3)
     └── CapacityError       too busy (503)
"""

from __future__ import annotations


class AuroraError(Exception):
    status_code = 500
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class InputError(AuroraError):
    status_code = 400
    exit_code = 2


class ImportFormatError(InputError):
    def __init__(self, source: str, line: int | None, message: str) -> None:
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")
        self.source = source
        self.line = line


class NotFoundError(AuroraError):
    status_code = 404
    exit_code = 4


class ConflictError(AuroraError):
    status_code = 409
    exit_code = 5


class SourceError(AuroraError):
    status_code = 502
    exit_code = 3


class CapacityError(AuroraError):
    status_code = 503
    exit_code = 6
