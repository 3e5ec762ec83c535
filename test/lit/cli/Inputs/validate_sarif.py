"""Validates a SARIF log against the official SARIF 2.1.0 JSON schema.

    validate_sarif.py SCHEMA LOG
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("validate_sarif: the python module 'jsonschema' is missing "
             "(apt-get install python3-jsonschema)")

with open(sys.argv[1]) as f:
    schema = json.load(f)
with open(sys.argv[2]) as f:
    log = json.load(f)

validator = jsonschema.Draft4Validator(schema)
errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
for error in errors:
    path = "/".join(str(p) for p in error.absolute_path)
    sys.stderr.write("%s: %s\n" % (path or "<root>", error.message))
if errors:
    sys.exit(1)
print("valid SARIF 2.1.0")
