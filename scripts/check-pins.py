#!/usr/bin/env python3
"""Refuses a NuGet pin below what a package that depends on it asks for.

Central transitive pinning (Directory.Packages.props) takes a stale pin silently: Google.Protobuf
pinned at 3.25.1 under Grpc.AspNetCore 2.85 (which needs 3.36.2) restores without NU1605 and fails
at run time (shared/PACKAGES.md, "Two traps"). NuGet writes what each package asks for and what was
resolved into every restored project's obj/project.assets.json; this compares the two.

    scripts/check-pins.py [assets.json ...]   (default: every restored project of the repository)

Prints each downgrade and exits 1 if there is any; otherwise prints how much it checked.
"""
import glob
import json
import os
import re
import sys


def version(text):
    """'3.36.2' or '3.36.2-beta.1' -> comparable tuple; a pre-release sorts before its release."""
    core, _, pre = text.partition('-')
    numbers = [int(part) for part in re.findall(r'\d+', core)][:4]
    return tuple(numbers + [0] * (4 - len(numbers))) + ((0, pre) if pre else (1, ''))


def lower_bound(requested):
    """NuGet ranges: '3.36.2' and '[3.36.2, )' mean at least 3.36.2; '(1.0, 2.0]' excludes 1.0."""
    match = re.match(r'^\s*([\[(]?)\s*([^,\])]*)', requested)
    if not match or not match.group(2).strip():
        return None, False
    return match.group(2).strip(), match.group(1) == '('


def check(path):
    with open(path, encoding='utf-8-sig') as file:
        assets = json.load(file)
    problems, checked = [], 0
    for framework, packages in assets.get('targets', {}).items():
        resolved = {key.split('/')[0].lower(): key.split('/')[1] for key in packages}
        for key, package in packages.items():
            for dependency, requested in package.get('dependencies', {}).items():
                have = resolved.get(dependency.lower())
                minimum, exclusive = lower_bound(requested)
                if have is None or minimum is None:
                    continue
                checked += 1
                too_low = version(have) <= version(minimum) if exclusive else version(have) < version(minimum)
                if too_low:
                    problems.append(f'{path}: {framework}: {key} needs {dependency} {requested}, but {have} is pinned')
    return problems, checked


def main(paths):
    if not paths:
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        paths = sorted(p for folder in ('src', 'tests', 'sandboxes', 'bench')
                       for p in glob.glob(os.path.join(root, folder, '**', 'obj', 'project.assets.json'), recursive=True))
    if not paths:
        print('check-pins: no restored project found (restore or build first)', file=sys.stderr)
        return 2
    problems, checked = [], 0
    for path in paths:
        found, count = check(path)
        problems += found
        checked += count
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f'check-pins: {len(problems)} pin(s) below what a dependant needs; raise them in Directory.Packages.props', file=sys.stderr)
        return 1
    print(f'check-pins: {checked} dependency ranges in {len(paths)} projects, no pin below what a dependant needs')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
