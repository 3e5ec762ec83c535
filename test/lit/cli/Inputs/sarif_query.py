"""Prints the results of a SARIF log one fact a line, for FileCheck.

    sarif_query.py LOG            result/message/related/flow lines
    sarif_query.py LOG --prints   "ruleId fingerprint" per result

flow lines list the start lines of a code flow's steps.
"""
import json
import sys

with open(sys.argv[1]) as f:
    log = json.load(f)
prints_only = "--prints" in sys.argv[2:]
for run in log["runs"]:
    for result in run.get("results") or []:
        fingerprint = result.get("partialFingerprints", {}).get("yieldcheck/v1")
        if prints_only:
            print(result["ruleId"], fingerprint)
            continue
        print("result", result["ruleId"], fingerprint)
        print("message", result["message"]["text"])
        for related in result.get("relatedLocations", []):
            print("related", related["id"],
                  related["physicalLocation"]["region"]["startLine"])
        for flow in result.get("codeFlows", []):
            for thread in flow["threadFlows"]:
                print("flow", " ".join(
                    str(step["location"]["physicalLocation"]["region"]["startLine"])
                    for step in thread["locations"]))
