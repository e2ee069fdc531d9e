"""hireloop: entry points (CLI, settings, services) over the domain, ledger and workflows."""
