"""Process definitions HR edits (YAML, BPMN vocabulary) and their loader."""
