"""Every exit code the CLI returns, named once. Pipelines depend on these; docs/cli.md lists them."""

from enum import IntEnum


class ExitCode(IntEnum):
    PASSED = 0  # every pack passed (valid, at or above --min-score, no finding at --fail-on)
    PACK_FAILED = 1  # a pack failed: invalid, below the threshold, or a verify mismatch
    USAGE_OR_IO = 2  # bad arguments, or a file that could not be read or written
