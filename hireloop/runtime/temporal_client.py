"""Connecting to Temporal the same way everywhere: pydantic payloads, tracing."""

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter

from hireloop.runtime import tracing
from hireloop.runtime.settings import Settings


async def connect(settings: Settings) -> Client:
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.namespace,
        data_converter=pydantic_data_converter,
        interceptors=[tracing.interceptor()],
    )
