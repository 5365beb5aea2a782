"""JSON Schemas of every command's ``--json`` output (docs/json.md); data files, read with importlib.resources."""
