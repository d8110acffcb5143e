#!/usr/bin/env python3
"""Vendors the JSONata test suite (jsonata-js/jsonata, MIT) into
crates/states/tests/jsonata-suite in a compact form: one JSON file per
group (an array of cases, each named after its upstream file) and one file
holding every dataset. Usage: vendor.py <bare git dir of jsonata-js/jsonata> <tag>
"""
import json, subprocess, sys, os

git_dir, tag = sys.argv[1], sys.argv[2]
out = os.path.join(os.path.dirname(__file__), "../../crates/states/tests/jsonata-suite")

def git(*args):
    return subprocess.run(["git", "--git-dir", git_dir, *args], check=True, capture_output=True).stdout

def ls(path):
    return [l.split("\t")[1] for l in git("ls-tree", f"{tag}:{path}" if False else tag, path + "/").decode().splitlines()]

def files(path):
    rows = git("ls-tree", "-r", "--name-only", tag, path).decode().splitlines()
    return sorted(rows)

datasets = {}
for f in files("test/test-suite/datasets"):
    name = os.path.splitext(os.path.basename(f))[0]
    datasets[name] = json.loads(git("show", f"{tag}:{f}"))
with open(os.path.join(out, "datasets.json"), "w") as fh:
    json.dump(datasets, fh, indent=0, ensure_ascii=True)

groups = {}
for f in files("test/test-suite/groups"):
    if not f.endswith(".json"):
        continue  # an expression file, inlined below into the case naming it
    parts = f.split("/")
    group, case = parts[3], os.path.splitext(parts[4])[0]
    body = json.loads(git("show", f"{tag}:{f}"))
    cases = body if isinstance(body, list) else [body]
    for i, c in enumerate(cases):
        c = dict(c)
        c.pop("description", None)
        if "expr-file" in c:
            c["expr"] = git("show", f"{tag}:{os.path.dirname(f)}/{c.pop('expr-file')}").decode()
        c["name"] = case if len(cases) == 1 else f"{case}[{i}]"
        groups.setdefault(group, []).append(c)
for group, cases in groups.items():
    with open(os.path.join(out, "groups", group + ".json"), "w") as fh:
        fh.write("[\n" + ",\n".join(json.dumps(c, ensure_ascii=True) for c in cases) + "\n]\n")
commit = git("rev-parse", tag + "^{commit}").decode().strip()
print(f"{sum(len(c) for c in groups.values())} cases in {len(groups)} groups from {tag} ({commit})")
