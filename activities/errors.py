"""Failures of an activity that retrying cannot fix."""

from temporalio.exceptions import ApplicationError


def bad_input(message: str) -> ApplicationError:
    """Non-retryable: the workflow routes the step to a person instead."""
    return ApplicationError(message, type="BadInput", non_retryable=True)
