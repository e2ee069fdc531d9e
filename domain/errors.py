"""The one error type the CLI turns into a clean message and exit code 2."""


class UserError(Exception):
    """Bad input from a person: say what, where and how to fix; never a traceback."""
