"""OpenTelemetry spans flow through temporalio's interceptor from the client
into the workflow and its activities, as one trace."""

import uuid
from pathlib import Path

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from definitions.loader import load_file
from domain.record.messages import LifecycleResult, workflow_id
from hireloop.runtime import tracing
from hireloop.services.applications import Applicant, start_application
from ledger.db import engine_for
from ledger.stores.deployments import DefinitionRegistry
from migrations.runner import upgrade
from tests.conftest import CAMPUS_HIRE, make_settings
from worker import running


async def test_spans_cover_client_workflow_and_activities(
    dev_env: WorkflowEnvironment, tmp_path: Path
) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    client = Client(
        dev_env.client.service_client,
        namespace=dev_env.client.namespace,
        data_converter=pydantic_data_converter,
        interceptors=[tracing.interceptor(provider.get_tracer("test"))],
    )
    settings = make_settings(tmp_path)
    upgrade(settings.database_url)
    engine = engine_for(settings.database_url)
    DefinitionRegistry(engine).deploy(*load_file(CAMPUS_HIRE))
    async with running(client, settings):
        name = f"Person {uuid.uuid4().hex}"
        cid = await start_application(
            client,
            engine,
            settings.task_queue,
            "campus_hire",
            Applicant(name=name, resume=b"gardening"),
        )
        handle = client.get_workflow_handle(workflow_id(cid), result_type=LifecycleResult)
        assert (await handle.result()).outcome == "talent_pool"
    spans = exporter.get_finished_spans()
    names = {span.name for span in spans}
    assert "StartWorkflow:CandidateLifecycle" in names
    assert "RunWorkflow:CandidateLifecycle" in names
    assert "RunActivity:keyword_screen" in names
    assert "RunActivity:record_events" in names
    assert (
        len(
            {
                span.context.trace_id
                for span in spans
                if "CandidateLifecycle" in span.name or "Activity" in span.name
            }
        )
        == 1
    )
    assert all(name not in str(span.attributes) for span in spans)  # no PII in traces
