"""OpenTelemetry set-up shared by the worker and the clients.

Spans flow through temporalio's contrib ``TracingInterceptor`` (client and
worker), so one trace follows a request from the CLI into the workflow and
its activities. Exporter: console by default, OTLP when configured.
"""

import sys

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    ConsoleSpanExporter,
    SpanExporter,
)
from temporalio.contrib.opentelemetry import TracingInterceptor

from hireloop.runtime.settings import Settings

_configured = False


def configure(settings: Settings, service: str, exporter: SpanExporter | None = None) -> None:
    """Install a tracer provider once per process (OpenTelemetry allows one)."""
    global _configured
    if _configured or (settings.tracing == "none" and exporter is None):
        return
    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    if exporter is None:
        if settings.tracing == "otlp":
            from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

            exporter = OTLPSpanExporter(endpoint=settings.otlp_endpoint, insecure=True)
        else:
            exporter = ConsoleSpanExporter(out=sys.stderr)
    provider.add_span_processor(BatchSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    _configured = True


def interceptor(tracer: trace.Tracer | None = None) -> TracingInterceptor:
    """The interceptor for client and worker (a worker inherits its client's)."""
    return TracingInterceptor(tracer)
