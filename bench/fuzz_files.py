"""Fuzz: thousands of mutated form files and packages, none may crash anything (issue #11).

Each sample form is mutated at random (values swapped for hostile ones: 1e400, NaN, huge numbers,
lone surrogates, wrong types, long texts, deep nesting, rule objects with bad parameters, deleted
keys, truncated bytes). Every file is read; a refused one must raise the program's own Chinese
error, and an accepted one must score, render to PDF and XLSX, be stored, be exported and load
back equal. A share of the mutations goes into exchange packages, which must be refused or
imported cleanly. Prints the figures at the end.

    python3 bench/fuzz_files.py [--files 2000] [--seed 11]

Not part of `make test` (`make soak` runs it); the last figures are in docs/robustness.md.
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import io
import json
import random
import sys
import time
import traceback
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

HOSTILE: list[Any] = [
    "@1e400", "@-1e400", "@NaN", "@Infinity", 1e27, -1e26, 10**30, 2**63, "\ud800", "\udfff", [], {}, None,
    True, "x" * 300, "字" * 30_000, 0, -1, 1e-300, "", " ", "1e400", {"type": "bands", "bands": "x"},
    {"type": "quality_floor", "floor": "x"}, {"type": "deviation", "side": 3}, {"type": "nonsense"},
    {"type": "survey", "weights": [1]}, "@DEEP",
]


def _paths(doc: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out.extend(_paths(v, (*path, k)))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out.extend(_paths(v, (*path, i)))
    return out


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return doc


def _delete(doc: Any, path: tuple[Any, ...]) -> Any:
    if not path:
        return doc
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    del parent[path[-1]]
    return doc


def mutate(doc: dict[str, Any], rng: random.Random) -> bytes:
    """One hostile variant of a form document, as file bytes."""
    doc = copy.deepcopy(doc)
    for _ in range(rng.randint(1, 3)):
        paths = _paths(doc)
        target = rng.choice(paths[1:])
        action = rng.random()
        if action < 0.15:
            doc = _delete(doc, target)
        elif action < 0.25 and isinstance(target[-1], str):
            _set(doc, target[:-1], {**_get(doc, target[:-1]), "x_" + target[-1]: rng.choice(HOSTILE)})
        else:
            doc = _set(doc, target, copy.deepcopy(rng.choice(HOSTILE)))
    text = json.dumps(doc, ensure_ascii=rng.random() < 0.5)
    text = text.replace('"@DEEP"', "[" * 80 + "0" + "]" * 80)
    for literal in ("1e400", "-1e400", "NaN", "Infinity"):
        text = text.replace(f'"@{literal}"', literal)
    raw = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.05:
        raw = raw[: rng.randint(0, len(raw))]
    return raw


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        doc = doc[step]
    return doc


def exercise(raw: bytes, index: int, folder: Path) -> str:
    """'refused', 'accepted' or 'internal: …' for one file's bytes."""
    from model.codec import dumps_form, load_form, loads_form
    from model.errors import JixiaoError
    from model.store import Store
    from reports import render_pdf, render_xlsx
    from ui.services.evaluation import evaluate_with_profile

    path = folder / f"f{index}.json"
    path.write_bytes(raw)
    try:
        form = load_form(path)
    except JixiaoError:
        return "refused"
    except Exception:  # noqa: BLE001 — counted and printed, that is the point
        return "internal: load\n" + traceback.format_exc()
    try:
        try:
            result = evaluate_with_profile(form)
        except JixiaoError:
            return "accepted"  # unknown profile names: said in Chinese, nothing crashes
        render_pdf(form, result, io.BytesIO())  # type: ignore[arg-type]
        render_xlsx(form, result, io.BytesIO())  # type: ignore[arg-type]
        store = Store.memory()
        form.id = None
        form_id = store.add(form)
        again = loads_form(dumps_form(store.load(form_id)))
        if dumps_form(again) != dumps_form(store.load(form_id)):
            return "internal: export → load is not equal"
        store.close()
    except Exception:  # noqa: BLE001
        return "internal: accepted form\n" + traceback.format_exc()
    return "accepted"


def exercise_package(raw: bytes) -> str:
    """A package around one mutated form: refused with PackageError or imported cleanly."""
    import hashlib
    import zipfile

    from model.codec import dumps_form
    from model.errors import JixiaoError
    from model.package_apply import import_items
    from model.package_read import read_package
    from model.store import Store

    from model.codec import loads_form

    form_id = "5a3b1e00-0000-4000-8000-000000000001"
    entry = {"id": form_id, "kind": "project_self_eval", "year": 2024, "title": "x", "revision": 1,
             "profile": "central-2020", "unit": "示例县残疾人联合会", "file": f"forms/{form_id}.json"}
    try:  # a manifest that fits the form when it reads, so accepted forms really get imported
        form = loads_form(raw.decode("utf-8"))
        form.id = form_id
        raw = dumps_form(form).encode("utf-8")
        entry.update(kind=form.kind, year=form.year, title=form.display_title, profile=form.profile_name(),
                     unit=form.unit)
    except (JixiaoError, UnicodeDecodeError):
        pass
    manifest = {"format": "jixiao.package", "format_version": 1, "program_version": "0.1",
                "created": "2024-03-05T10:00:00", "unit": entry["unit"], "forms": [entry],
                "files": {f"forms/{form_id}.json": hashlib.sha256(raw).hexdigest()}}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
        zf.writestr(f"forms/{form_id}.json", raw)
    try:
        package = read_package(buffer.getvalue())
        import_items(Store.memory(), package, "fuzz.jxpkg")
    except JixiaoError:
        return "refused"
    except Exception:  # noqa: BLE001
        return "internal: package\n" + traceback.format_exc()
    return "accepted"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    import tempfile

    from model.codec import form_to_dict, load_form
    from model.samples import sample_files
    from resources import samples_dir

    rng = random.Random(args.seed)
    docs = [form_to_dict(load_form(p)) for p in sample_files(samples_dir())]
    counts = {"accepted": 0, "refused": 0, "internal": 0}
    packages = {"accepted": 0, "refused": 0, "internal": 0}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="jixiao-fuzz-") as tmp:
        for i in range(args.files):
            raw = mutate(rng.choice(docs), rng)
            outcome = exercise(raw, i, Path(tmp))
            key = outcome.split(":")[0]
            counts[key] += 1
            if key == "internal":
                print(f"file {i}: {outcome}", file=sys.stderr)
                (Path(tmp).parent / f"jixiao-fuzz-crash-{i}.json").write_bytes(raw)
            if i % 4 == 0:
                outcome = exercise_package(raw)
                key = outcome.split(":")[0]
                packages[key] += 1
                if key == "internal":
                    print(f"package {i}: {outcome}", file=sys.stderr)
    elapsed = time.monotonic() - started
    print(f"files: {args.files} (accepted {counts['accepted']}, refused {counts['refused']}, "
          f"internal errors {counts['internal']}); packages: {sum(packages.values())} "
          f"(accepted {packages['accepted']}, refused {packages['refused']}, internal errors {packages['internal']}); "
          f"{elapsed:.0f} s; {dt.datetime.now():%Y-%m-%d}")
    return 0 if counts["internal"] == packages["internal"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
