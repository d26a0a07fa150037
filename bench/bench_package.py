"""Package figures: build time, size of the one-folder build and its .tar.gz against the
budgets (200 MB unpacked, 80 MB packed) with the biggest parts, and start-up of the frozen
app to an interactive window against ``labeler-app`` from the venv.

    .venv/bin/python bench/bench_package.py            # measure what is in dist/
    .venv/bin/python bench/bench_package.py --build    # run scripts/build-linux first

Start-up: each run launches the program on the sample project with ``--measure-startup``;
the app prints the wall-clock time at which its window was first painted, its first image
shown and its event loop free again (interactive); the time the process was launched is
subtracted. Offscreen by default; ``--x11`` runs under Xvfb (xcb, as on a real desktop).
Prints JSON, then a one-line summary.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
FOLDER_BUDGET_MB = 200
TARBALL_BUDGET_MB = 80
MB = 1024 * 1024


def build() -> float:
    started = time.perf_counter()
    subprocess.run(["bash", "scripts/build-linux"], cwd=ROOT, check=True)
    return time.perf_counter() - started


def sizes(folder: Path, top: int = 15) -> dict:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    total = sum(p.stat().st_size for p in files)
    dirs: dict[Path, int] = {}
    for p in files:
        for parent in p.relative_to(folder).parents:
            if parent != Path("."):
                dirs[parent] = dirs.get(parent, 0) + p.stat().st_size
    biggest_files = sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:top]
    # the deepest folders that are still big say more than "_internal" does
    big_dirs = sorted(dirs.items(), key=lambda kv: kv[1], reverse=True)
    return {
        "folder_mb": round(total / MB, 1),
        "files": len(files),
        "biggest_files": [
            {"path": str(p.relative_to(folder)), "mb": round(p.stat().st_size / MB, 2)}
            for p in biggest_files
        ],
        "biggest_dirs": [
            {"path": str(d), "mb": round(n / MB, 1)} for d, n in big_dirs[:top] if n > MB
        ],
    }


def startup_runs(cmd: list[str], project: Path, env: dict[str, str], runs: int) -> dict:
    """Seconds from launch to window painted / image shown / interactive, over ``runs``."""
    marks: dict[str, list[float]] = {"window_painted": [], "image_painted": [], "interactive": []}
    for _ in range(runs):
        launched = time.time()
        proc = subprocess.run(
            [*cmd, str(project), "--worker", "bench", "--measure-startup"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        line = next((s for s in proc.stdout.splitlines() if s.startswith("startup ")), None)
        if proc.returncode != 0 or line is None:
            raise SystemExit(f"{cmd[0]} failed: {proc.stdout}{proc.stderr}")
        for key, value in json.loads(line.removeprefix("startup ")).items():
            marks[key].append(value - launched)
    out = {}
    for key, values in marks.items():
        ordered = sorted(values)
        out[key] = {
            "first_s": round(values[0], 3),
            "median_s": round(statistics.median(values), 3),
            "p95_s": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 3),
        }
    return out


def start_xvfb() -> tuple[subprocess.Popen, str]:
    """One X server for every run, so its own start-up is not counted."""
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    if not number:
        raise SystemExit("Xvfb did not start")
    return proc, f":{number}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="run scripts/build-linux first")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--x11", action="store_true", help="start under Xvfb instead of offscreen")
    args = parser.parse_args()

    result: dict = {}
    if args.build:
        result["build_s"] = round(build(), 1)
    folder = DIST / "hitl-labeler"
    frozen = folder / ("hitl-labeler.exe" if os.name == "nt" else "hitl-labeler")
    if not frozen.exists():
        raise SystemExit("no build in dist/: run with --build (or bash scripts/build-linux)")
    result.update(sizes(folder))
    tarballs = sorted(DIST.glob("hitl-labeler-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if tarballs:
        result["tarball"] = tarballs[-1].name
        result["tarball_mb"] = round(tarballs[-1].stat().st_size / MB, 1)
    result["budget"] = {"folder_mb": FOLDER_BUDGET_MB, "tarball_mb": TARBALL_BUDGET_MB}

    with tempfile.TemporaryDirectory(prefix="hitl-bench-") as tmp:
        env = {**os.environ, "HITL_LABELER_HOME": str(Path(tmp) / "home")}
        sys.path.insert(0, str(ROOT))
        os.environ["HITL_LABELER_HOME"] = env["HITL_LABELER_HOME"]
        from labeler.sample import create_sample_project

        project = create_sample_project(Path(tmp) / "sample")
        xvfb = None
        if args.x11:
            xvfb, display = start_xvfb()
            env.pop("QT_QPA_PLATFORM", None)
            env["DISPLAY"] = display
        else:
            env["QT_QPA_PLATFORM"] = "offscreen"
        venv_app = shutil.which("labeler-app", path=str(ROOT / ".venv" / "bin")) or "labeler-app"
        result["startup_platform"] = "xcb (Xvfb)" if args.x11 else "offscreen"
        try:
            result["startup_frozen"] = startup_runs([str(frozen)], project, env, args.runs)
            result["startup_venv"] = startup_runs([venv_app], project, env, args.runs)
        finally:
            if xvfb is not None:
                xvfb.terminate()
                xvfb.wait(timeout=10)

    print(json.dumps(result, indent=2))
    f, v = result["startup_frozen"]["interactive"], result["startup_venv"]["interactive"]
    print(
        f"package: {result['folder_mb']} MB folder (budget {FOLDER_BUDGET_MB}),"
        f" {result.get('tarball_mb', '?')} MB .tar.gz (budget {TARBALL_BUDGET_MB})"
        + (f", built in {result['build_s']} s" if "build_s" in result else "")
        + f"; start to interactive window: frozen {f['median_s']} s median"
        f" (first {f['first_s']} s), venv {v['median_s']} s median"
        f" [{result['startup_platform']}]"
    )


if __name__ == "__main__":
    main()
