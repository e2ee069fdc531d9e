"""``CandidateLifecycle``: one candidate's journey, interpreting a pinned definition.

The definition travels in the workflow input, so a running instance stays on
the version it started with whatever is deployed later. Each BPMN token is an
asyncio task; human steps are Updates (validated before they touch history);
timers are durable Temporal timers whose deadlines are absolute, so they
survive continue-as-new. Every transition is drafted as a ledger event and
flushed before the workflow waits.

Size: one workflow class, the interpreter. Every BPMN element it runs
(tasks, gateways, timers, the child interview) moves the same tokens, open
tasks and joins, and its Updates, validators and continue-as-new snapshot
read them too; Temporal binds handlers to one class, and splitting the
element handlers into mixins would only scatter that shared state. The pure
parts (CEL, forms, durations, the state fold) live in ``domain``.
"""

import asyncio
from datetime import datetime, timedelta
from typing import Any

from temporalio import workflow
from temporalio.exceptions import ActivityError, ChildWorkflowError

with workflow.unsafe.imports_passed_through():
    from domain.interview.settings import InterviewInput, InterviewResult, InterviewSettings
    from domain.process import expressions
    from domain.process.definition import (
        BoundaryEvent,
        CallActivity,
        EndEvent,
        ExclusiveGateway,
        Form,
        FormField,
        IntermediateCatchEvent,
        Node,
        ParallelGateway,
        ServiceTask,
        StartEvent,
        UserTask,
    )
    from domain.process.durations import parse_cycle, parse_duration
    from domain.process.forms import FormError, check_form
    from domain.record.events import SYSTEM, Actor
    from domain.record.messages import (
        LIFECYCLE_WORKFLOW,
        LifecycleInput,
        LifecycleResult,
        OpenTask,
        ServiceRequest,
        ServiceResult,
        Snapshot,
        TaskCompletion,
        TaskReceipt,
        Token,
        Withdrawal,
    )
    from domain.record.state import CandidateState, Status
    from workflows.interview import AIInterview
    from workflows.policies import SERVICE_RETRY
    from workflows.recorder import Recorder

INCIDENT_FORM = Form(
    fields=(
        FormField(
            id="resolution", type="enum", enum=("retry", "skip"), label="Retry the step or skip it"
        ),
    )
)


class _Interrupted(Exception):
    """An interrupting boundary timer fired; the token leaves through it."""

    def __init__(self, boundary: BoundaryEvent):
        super().__init__(boundary.id)
        self.boundary = boundary


@workflow.defn(name=LIFECYCLE_WORKFLOW)
class CandidateLifecycle:
    @workflow.init
    def __init__(self, inp: LifecycleInput) -> None:
        # State is restored here, not in run(): an Update can arrive in the very
        # first workflow task of a continued run, before run() has started.
        self._inp = inp
        self._defn = inp.definition
        snap = inp.snapshot
        self._rec = Recorder(
            inp.candidate_id,
            inp.definition.id,
            inp.definition.version,
            counter=snap.event_counter if snap else 0,
        )
        self._variables: dict[str, Any] = (
            dict(snap.variables) if snap else {**inp.definition.defaults, **inp.variables}
        )
        self._stage: str | None = snap.stage if snap else None
        self._stages: list[str] = list(snap.stages) if snap else []
        self._tokens: dict[str, Token] = {}
        self._waiting: set[str] = set()
        self._token_counter = snap.token_counter if snap else 0
        self._call_counter = snap.call_counter if snap else 0
        self._open_tasks: dict[str, OpenTask] = dict(snap.open_tasks) if snap else {}
        self._completions: dict[str, TaskCompletion] = {}
        self._joins: dict[str, int] = dict(snap.joins) if snap else {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._outcome: str | None = None
        self._end_actor: Actor = SYSTEM
        self._end_detail: dict[str, Any] = {}
        self._terminated = False
        self._completed = False
        self._continue_requested = False

    # ------------------------------------------------------------------ run
    @workflow.run
    async def run(self, inp: LifecycleInput) -> LifecycleResult:
        if inp.snapshot is None:
            self._emit(
                "process.started",
                {"time_scale": inp.time_scale, "variables": dict(self._variables)},
            )
            self._spawn(self._new_token(inp.definition.start().id), resumed=False)
        else:
            for token in inp.snapshot.tokens:
                self._spawn(token, resumed=True)
        await workflow.wait_condition(lambda: self._finished() or self._may_continue())
        if not self._finished():
            await self._continue_as_new()
        return await self._complete()

    def _finished(self) -> bool:
        return self._terminated or not self._tokens

    def _may_continue(self) -> bool:
        return (
            self._continue_requested
            and not self._completions  # an accepted Update its token has not consumed yet
            and set(self._tokens) <= self._waiting
            and self._rec.idle
            and workflow.all_handlers_finished()
        )

    async def _complete(self) -> LifecycleResult:
        for task in self._tasks.values():
            task.cancel()
        for node in sorted(self._open_tasks):
            self._emit("task.cancelled", {"node": node, "reason": "process_ended"})
        self._open_tasks.clear()
        for token_id in sorted(self._tokens):
            self._emit("token.ended", {"token": token_id, "reason": "process_ended"})
        self._tokens.clear()
        self._completed = True
        self._emit(
            "process.completed",
            {"outcome": self._outcome, **self._end_detail},
            actor=self._end_actor,
        )
        await self._rec.flush()
        await workflow.wait_condition(workflow.all_handlers_finished)
        return LifecycleResult(
            candidate_id=self._inp.candidate_id, outcome=self._outcome, stages=list(self._stages)
        )

    async def _continue_as_new(self) -> None:
        snapshot = Snapshot(
            tokens=list(self._tokens.values()),
            token_counter=self._token_counter,
            event_counter=self._rec.counter,
            call_counter=self._call_counter,
            variables=self._variables,
            stage=self._stage,
            stages=self._stages,
            open_tasks=self._open_tasks,
            joins=self._joins,
        )
        for task in self._tasks.values():
            task.cancel()
        workflow.continue_as_new(self._inp.model_copy(update={"snapshot": snapshot}))

    # ------------------------------------------------------------ queries
    @workflow.query
    def state(self) -> CandidateState:
        """The live state, kept by the interpreter (not folded from events)."""
        status: Status = "completed" if self._completed else "running"
        return CandidateState(
            candidate_id=self._inp.candidate_id,
            definition_id=self._defn.id,
            definition_version=self._defn.version,
            status=status,
            outcome=self._outcome if self._completed else None,
            stage=self._stage,
            stages=list(self._stages),
            tokens={t.id: t.node for t in self._tokens.values()},
            open_tasks=sorted(self._open_tasks),
            variables=dict(self._variables),
        )

    @workflow.query
    def open_tasks(self) -> list[OpenTask]:
        return [self._open_tasks[node] for node in sorted(self._open_tasks)]

    # ------------------------------------------------------------ updates
    @workflow.update
    async def complete_task(self, completion: TaskCompletion) -> TaskReceipt:
        """A person submits a human step's form."""
        task = self._open_tasks.pop(completion.node)
        values = check_form(task.form, completion.values)
        mapped = self._task_outputs(completion.node, values) if task.kind == "user" else {}
        self._variables.update(mapped)
        self._completions[completion.node] = completion.model_copy(update={"values": values})
        self._emit(
            "task.completed",
            {"node": completion.node, "values": values, "variables": mapped},
            actor=completion.actor,
        )
        return TaskReceipt(node=completion.node, accepted_at=workflow.now())

    @complete_task.validator
    def _validate_completion(self, completion: TaskCompletion) -> None:
        if self._terminated or self._completed:
            raise ValueError("this candidate's process has ended; no task can be completed")
        task = self._open_tasks.get(completion.node)
        if task is None:
            open_now = ", ".join(sorted(self._open_tasks)) or "none"
            raise ValueError(
                f"the candidate is not at step '{completion.node}' (open steps: {open_now})"
            )
        if completion.actor.kind != "user" or not completion.actor.user_id:
            raise ValueError("a human step must be completed by a user (actor.kind=user, user_id)")
        if completion.actor.role != task.role:
            raise ValueError(
                f"step '{completion.node}' needs role '{task.role}', not '{completion.actor.role}'"
            )
        try:
            check_form(task.form, completion.values)
        except FormError as exc:
            raise ValueError(f"step '{completion.node}': {exc}") from None

    @workflow.update
    async def withdraw(self, request: Withdrawal) -> None:
        """End the process at once (candidate withdrew, position closed, ...)."""
        self._terminate("withdrawn", actor=request.actor, detail={"reason": request.reason})

    @withdraw.validator
    def _validate_withdrawal(self, request: Withdrawal) -> None:
        if self._terminated or self._completed:
            raise ValueError("this candidate's process has already ended")
        if request.actor.kind != "user" or not request.actor.user_id:
            raise ValueError("a withdrawal must name the user who asked for it")

    # ------------------------------------------------------------ helpers
    def _emit(self, kind: str, payload: dict[str, Any], actor: Actor = SYSTEM) -> None:
        self._rec.emit(kind, payload, actor)

    def _scaled(self, duration: timedelta) -> timedelta:
        return duration * self._inp.time_scale

    def _new_token(self, node: str) -> Token:
        self._token_counter += 1
        return Token(id=f"t{self._token_counter}", node=node, entered_at=workflow.now())

    def _spawn(self, token: Token, *, resumed: bool) -> None:
        self._tokens[token.id] = token
        self._tasks[token.id] = asyncio.create_task(self._run_token(token, resumed))

    def _terminate(
        self, outcome: str, actor: Actor = SYSTEM, detail: dict[str, Any] | None = None
    ) -> None:
        if self._terminated:
            return
        self._terminated = True
        self._outcome = outcome
        self._end_actor = actor
        self._end_detail = detail or {}

    def _enter(self, token: Token, node: Node) -> None:
        token.node = node.id
        token.entered_at = workflow.now()
        token.cycles_fired = {}
        token.overdue_emitted = False
        if node.stage != self._stage:
            if self._stage is not None:
                self._emit("stage.exited", {"stage": self._stage})
            self._stage = node.stage
            self._stages.append(node.stage)
            self._emit("stage.entered", {"stage": node.stage})
        self._emit("node.entered", {"token": token.id, "node": node.id, "type": node.type})

    def _end_token(self, token: Token, reason: str) -> None:
        self._tokens.pop(token.id, None)
        self._tasks.pop(token.id, None)
        self._waiting.discard(token.id)
        self._emit("token.ended", {"token": token.id, "node": token.node, "reason": reason})

    async def _wait(self, token: Token, until: datetime) -> None:
        """A durable timer to an absolute deadline (survives continue-as-new)."""
        remaining = until - workflow.now()
        if remaining > timedelta(0):
            await workflow.sleep(remaining)

    def _check_history(self) -> None:
        if workflow.info().get_current_history_length() >= self._inp.continue_as_new_after:
            self._continue_requested = True

    # ------------------------------------------------------------ tokens
    async def _run_token(self, token: Token, resumed: bool) -> None:
        node = self._defn.node(token.node)
        while True:
            if not resumed:
                self._enter(token, node)
            next_node = await self._execute(token, node, resumed)
            resumed = False
            if next_node is None:
                if not self._terminated:
                    await self._rec.flush()  # a side path ended: keep the ledger current
                return
            node = self._defn.node(next_node)

    def _follow(self, node_id: str) -> str:
        return self._defn.outgoing(node_id)[0].target

    async def _execute(self, token: Token, node: Node, resumed: bool) -> str | None:
        if isinstance(node, StartEvent):
            return self._follow(node.id)
        if isinstance(node, EndEvent):
            self._end_token(token, "end_event")
            if node.outcome is not None:
                self._terminate(node.outcome.value, detail={"end_event": node.id})
            return None
        if isinstance(node, ExclusiveGateway):
            return await self._decide(token, node)
        if isinstance(node, ParallelGateway):
            return self._parallel(token, node)
        if isinstance(node, IntermediateCatchEvent):
            return await self._catch_timer(token, node, resumed)
        if isinstance(node, ServiceTask | UserTask | CallActivity):
            return await self._guarded(token, node, resumed)
        raise AssertionError(f"node type {node.type} is not executable")  # boundary events

    async def _decide(self, token: Token, node: ExclusiveGateway) -> str:
        evaluations: list[dict[str, Any]] = []
        inputs: dict[str, Any] = {}
        outgoing = self._defn.outgoing(node.id)
        chosen = None
        for flow in outgoing:
            if flow.condition is None:
                continue
            names = expressions.identifiers(flow.condition)
            inputs.update({n: self._variables[n] for n in sorted(names) if n in self._variables})
            try:
                result = expressions.evaluate(flow.condition, self._variables)
                evaluations.append({"flow": flow.id, "condition": flow.condition, "result": result})
            except expressions.ExpressionError as exc:
                evaluations.append(
                    {"flow": flow.id, "condition": flow.condition, "error": str(exc)}
                )
                continue
            if result:
                chosen = flow
                break
        actor = SYSTEM
        if chosen is None and any("error" in e for e in evaluations):
            # A condition could not be evaluated (e.g. a skipped step left a
            # variable unset): a person picks the route, the default is not assumed.
            self._emit(
                "gateway.failed", {"node": node.id, "inputs": inputs, "evaluations": evaluations}
            )
            self._open_task(
                OpenTask(
                    node=node.id,
                    role="operator",
                    form=Form(
                        fields=(
                            FormField(
                                id="flow",
                                type="enum",
                                enum=tuple(f.id for f in outgoing),
                                label="Route to take",
                            ),
                        )
                    ),
                    created_at=workflow.now(),
                    kind="incident",
                )
            )
            completion = await self._await_completion(token, node.id, quiescent=False)
            actor = completion.actor
            chosen = next(f for f in outgoing if f.id == completion.values["flow"])
        if chosen is None:
            chosen = next(f for f in outgoing if f.id == node.default)
        self._emit(
            "gateway.decided",
            {
                "node": node.id,
                "inputs": inputs,
                "evaluations": evaluations,
                "flow": chosen.id,
                "default": chosen.id == node.default,
                "decided_by": "rule" if actor == SYSTEM else "person",
                "target": chosen.target,
            },
            actor=actor,
        )
        return chosen.target

    def _parallel(self, token: Token, node: ParallelGateway) -> str | None:
        outgoing = self._defn.outgoing(node.id)
        incoming = self._defn.incoming(node.id)
        if len(incoming) > 1:
            arrived = self._joins.get(node.id, 0) + 1
            if arrived < len(incoming):
                self._joins[node.id] = arrived
                self._end_token(token, "joined")
                return None
            self._joins.pop(node.id, None)
            self._emit("gateway.joined", {"node": node.id, "token": token.id})
            return outgoing[0].target
        for flow in outgoing[1:]:
            branch = self._new_token(flow.target)
            self._emit("gateway.forked", {"node": node.id, "token": branch.id, "flow": flow.id})
            self._spawn(branch, resumed=False)
        return outgoing[0].target

    async def _catch_timer(self, token: Token, node: IntermediateCatchEvent, resumed: bool) -> str:
        assert node.timer.time_duration is not None
        deadline = token.entered_at + self._scaled(parse_duration(node.timer.time_duration))
        if not resumed:
            self._emit("timer.started", {"node": node.id, "due_at": deadline.isoformat()})
        await self._park(token)
        await self._wait(token, deadline)
        self._waiting.discard(token.id)
        self._emit("timer.fired", {"node": node.id, "interrupting": True})
        return self._follow(node.id)

    async def _park(self, token: Token) -> None:
        """Mark the token as waiting and make the ledger current before it waits."""
        self._waiting.add(token.id)
        self._check_history()
        await self._rec.flush()

    # ------------------------------------------- tasks with boundary timers
    async def _guarded(
        self, token: Token, node: ServiceTask | UserTask | CallActivity, resumed: bool
    ) -> str | None:
        side: list[asyncio.Task[None]] = []
        interrupts: dict[asyncio.Task[None], BoundaryEvent] = {}
        for boundary in self._defn.boundaries(node.id):
            if boundary.cancel_activity:
                assert boundary.timer.time_duration is not None
                deadline = token.entered_at + self._scaled(
                    parse_duration(boundary.timer.time_duration)
                )
                interrupts[asyncio.create_task(self._wait(token, deadline))] = boundary
            else:
                side.append(asyncio.create_task(self._cycle(token, boundary)))
        if isinstance(node, UserTask) and node.due_duration:
            side.append(asyncio.create_task(self._overdue(token, node)))
        work = asyncio.create_task(self._work(token, node, resumed))
        try:
            done, _ = await workflow.wait([work, *interrupts], return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in [*side, *interrupts]:
                task.cancel()
        if work in done:
            return await work
        work.cancel()
        boundary = next(interrupts[t] for t in interrupts if t in done)
        self._waiting.discard(token.id)
        if node.id in self._open_tasks:
            self._open_tasks.pop(node.id)
            self._emit("task.cancelled", {"node": node.id, "reason": f"timer {boundary.id}"})
        self._emit(
            "timer.fired",
            {"node": boundary.id, "attached_to": node.id, "interrupting": True},
        )
        self._enter(token, boundary)
        return self._follow(boundary.id)

    async def _cycle(self, token: Token, boundary: BoundaryEvent) -> None:
        """Non-interrupting timer: each firing starts a side path (e.g. a reminder)."""
        if boundary.timer.time_cycle is not None:
            cycle = parse_cycle(boundary.timer.time_cycle)
            interval, repeats = cycle.interval, cycle.repeats
        else:
            assert boundary.timer.time_duration is not None
            interval, repeats = parse_duration(boundary.timer.time_duration), 1
        fired = token.cycles_fired.get(boundary.id, 0)
        while repeats is None or fired < repeats:
            await self._wait(token, token.entered_at + self._scaled(interval) * (fired + 1))
            fired += 1
            token.cycles_fired[boundary.id] = fired
            self._emit(
                "timer.fired",
                {
                    "node": boundary.id,
                    "attached_to": token.node,
                    "interrupting": False,
                    "count": fired,
                },
            )
            branch = self._new_token(boundary.id)
            self._enter(branch, boundary)
            branch.node = self._follow(boundary.id)
            self._spawn(branch, resumed=False)

    async def _overdue(self, token: Token, node: UserTask) -> None:
        assert node.due_duration is not None
        if token.overdue_emitted:
            return
        await self._wait(token, token.entered_at + self._scaled(parse_duration(node.due_duration)))
        token.overdue_emitted = True
        self._emit("task.overdue", {"node": node.id, "role": node.role})
        await self._rec.flush()

    async def _work(
        self, token: Token, node: ServiceTask | UserTask | CallActivity, resumed: bool
    ) -> str:
        if isinstance(node, UserTask):
            await self._human(token, node, resumed)
        elif isinstance(node, ServiceTask):
            await self._service(token, node)
        else:
            await self._call(token, node)
        return self._follow(node.id)

    async def _human(self, token: Token, node: UserTask, resumed: bool) -> None:
        if not resumed:
            due = (
                token.entered_at + self._scaled(parse_duration(node.due_duration))
                if node.due_duration
                else None
            )
            self._open_task(
                OpenTask(
                    node=node.id,
                    role=node.role,
                    form=node.form,
                    created_at=workflow.now(),
                    due_at=due,
                )
            )
        await self._await_completion(token, node.id)

    def _open_task(self, task: OpenTask) -> None:
        self._completions.pop(task.node, None)
        self._open_tasks[task.node] = task
        self._emit(
            "task.created",
            {
                "node": task.node,
                "role": task.role,
                "kind": task.kind,
                "fields": [f.id for f in task.form.fields],
                "due_at": task.due_at.isoformat() if task.due_at else None,
            },
        )

    async def _await_completion(
        self, token: Token, node_id: str, *, quiescent: bool = True
    ) -> TaskCompletion:
        """Wait for the Update that completes ``node_id``. Incidents are not
        quiescent: continue-as-new would restart their failed step, not resume it."""
        if quiescent:
            await self._park(token)
        else:
            await self._rec.flush()
        await workflow.wait_condition(lambda: node_id in self._completions)
        self._waiting.discard(token.id)
        return self._completions.pop(node_id)

    def _task_outputs(self, node_id: str, values: dict[str, Any]) -> dict[str, Any]:
        node = self._defn.node(node_id)
        assert isinstance(node, UserTask)
        return {node.outputs.get(name, name): value for name, value in values.items()}

    async def _incident(self, token: Token, node: Node, error: BaseException) -> bool:
        """A step failed for good: ask a person to retry or skip. True = retry."""
        cause = error.cause if isinstance(error, ActivityError | ChildWorkflowError) else error
        self._emit(
            "service.failed",
            {"node": node.id, "error_type": type(cause).__name__, "message": str(cause)[:300]},
        )
        self._open_task(
            OpenTask(
                node=node.id,
                role="operator",
                form=INCIDENT_FORM,
                created_at=workflow.now(),
                kind="incident",
            )
        )
        completion = await self._await_completion(token, node.id, quiescent=False)
        return bool(completion.values.get("resolution") == "retry")

    async def _service(self, token: Token, node: ServiceTask) -> None:
        inputs = {name: self._variables.get(var) for name, var in sorted(node.inputs.items())}
        timeout = parse_duration(node.timeout)
        while True:
            request = ServiceRequest(
                candidate_id=self._inp.candidate_id,
                node=node.id,
                activity=node.activity,
                parameters=node.parameters,
                inputs=inputs,
                key=f"{workflow.info().workflow_id}/{node.id}/{self._rec.counter}",
            )
            try:
                result = await workflow.execute_activity(
                    node.activity,
                    request,
                    result_type=ServiceResult,
                    start_to_close_timeout=timeout,
                    schedule_to_close_timeout=timeout * 10,
                    retry_policy=SERVICE_RETRY,
                )
            except ActivityError as exc:
                if await self._incident(token, node, exc):
                    continue
                self._emit("service.skipped", {"node": node.id})
                return
            break
        mapped = {var: result.outputs.get(name) for name, var in sorted(node.outputs.items())}
        self._variables.update(mapped)
        self._emit(
            "service.completed",
            {
                "node": node.id,
                "activity": node.activity,
                "model_version": result.model_version,
                "input_hash": result.input_hash,
                "variables": mapped,
            },
        )

    async def _call(self, token: Token, node: CallActivity) -> None:
        self._call_counter += 1
        child_id = f"{workflow.info().workflow_id}/{node.id}/{self._call_counter}"
        child_input = InterviewInput(
            candidate_id=self._inp.candidate_id,
            definition_id=self._defn.id,
            definition_version=self._defn.version,
            settings=InterviewSettings.model_validate(node.parameters),
            time_scale=self._inp.time_scale,
        )
        while True:
            self._emit(
                "call.started",
                {"node": node.id, "element": node.called_element, "workflow_id": child_id},
            )
            await self._rec.flush()
            try:
                result: InterviewResult = await workflow.execute_child_workflow(
                    AIInterview.run, child_input, id=child_id
                )
            except ChildWorkflowError as exc:
                if await self._incident(token, node, exc):
                    self._call_counter += 1
                    child_id = f"{workflow.info().workflow_id}/{node.id}/{self._call_counter}"
                    continue
                return
            break
        outputs = result.model_dump()
        mapped = {var: outputs.get(name) for name, var in sorted(node.outputs.items())}
        self._variables.update(mapped)
        self._emit(
            "call.completed", {"node": node.id, "workflow_id": child_id, "variables": mapped}
        )
