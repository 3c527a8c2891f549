"""``nnstudio compare``: train a grid of variants of a project, each from scratch, and keep each as a run.

Each variant is trained exactly as ``nnstudio train`` trains the reset project with those settings, so its
numbers equal that command's (same machine). ``--jobs 2`` trains two variants at a time in two processes.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from .i18n import _


def add_parser(sub) -> None:
    p = sub.add_parser("compare", help=_("train variants of a project side by side (a grid of settings) and keep "
                                         "each as a run"),
                       description=_("train variants of a project side by side (a grid of settings) and keep "
                                     "each as a run. Each variant starts from scratch: the same as 'nnstudio "
                                     "train' on the reset project with those settings."))
    p.add_argument("project", type=Path, help=_("an .nnproj file"))
    p.add_argument("--vary", action="append", required=True, metavar="KEY=V1,V2,...",
                   help=_("a setting and its values, e.g. training.batch_size=1,32,null, "
                          "training.optimizer.learning_rate=0.1,0.01, spec.*.activation=sigmoid,relu, "
                          "spec.h.units=4,16; repeat for a grid (the first --vary changes slowest)"))
    p.add_argument("--epochs", type=int, help=_("epochs per variant (default: the project's setting)"))
    p.add_argument("--jobs", type=int, default=1, help=_("variants trained at a time, each in its own process "
                                                         "(default 1)"))
    p.add_argument("--out", type=Path, help=_("write the project with the new runs here instead of in place"))
    p.add_argument("--json", action="store_true",
                   help=_("print one JSON object per run: its varied settings, the keys of 'train --json' and "
                          "'diverged' (the sentence, or null)"))


@dataclass
class _Trained:
    outcome: object       # compare.Outcome
    steps: int
    fit_seconds: float


def _train_one(project, variant, epochs: int) -> _Trained:
    """One variant, counted as `nnstudio train` counts (module level: it may run in a worker process)."""
    from nnstudio.cli import _Progress
    from nnstudio.project import compare

    progress = _Progress(epochs, 0, sys.stderr, live=False)
    outcome = compare.train(project, variant, epochs=epochs, callbacks=[progress])
    return _Trained(outcome, progress.steps, progress.fit_seconds)


def run(args) -> int:
    from nnstudio.cli import UsageError, _format_logs, _load, train_figures
    from nnstudio.project import compare, runs

    try:
        variants = compare.grid([compare.parse_vary(text) for text in args.vary])
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.epochs is not None and args.epochs < 1:
        raise UsageError(_("--epochs must be at least 1, not {epochs}").format(epochs=args.epochs))
    if args.jobs < 1:
        raise UsageError(_("--jobs must be at least 1, not {jobs}").format(jobs=args.jobs))
    project = _load(args.project)
    epochs = args.epochs if args.epochs is not None else int(project.training.get("epochs", 100))
    for variant in variants:       # every setting checked before anything trains
        compare.apply(project, variant)
    if args.jobs == 1 or len(variants) == 1:
        done = [_train_one(project, v, epochs) for v in variants]
    else:
        # spawn: the same start on every system, and no fork of a process that holds BLAS threads
        with ProcessPoolExecutor(max_workers=min(args.jobs, len(variants)),
                                 mp_context=multiprocessing.get_context("spawn")) as pool:
            done = list(pool.map(_train_one, [project] * len(variants), variants, [epochs] * len(variants)))
    kept = [runs.keep(project, compare.as_run(t.outcome)) for t in done]
    out = project.save(args.out if args.out is not None else args.project)
    for trained, run in zip(done, kept):
        outcome = trained.outcome
        figures = train_figures(outcome.project, run.epochs, trained.steps, outcome.seconds, trained.fit_seconds,
                                out, False)
        if args.json:
            print(json.dumps({"run": run.id, "name": run.name, "vary": outcome.variant.as_dict(), **figures,
                              "diverged": outcome.diverged}))
        else:
            shown = {k: figures[k] for k in ("loss", "accuracy", "mae", "r2", "val_loss", "val_accuracy",
                                             "val_mae", "val_r2") if k in figures}
            if run.epochs == 1:
                line = (_("{id} {name}: diverged after 1 epoch in {seconds:.1f} s  {figures}") if outcome.diverged
                        else _("{id} {name}: 1 epoch in {seconds:.1f} s  {figures}"))
            else:
                line = (_("{id} {name}: diverged after {epochs} epochs in {seconds:.1f} s  {figures}")
                        if outcome.diverged else _("{id} {name}: {epochs} epochs in {seconds:.1f} s  {figures}"))
            print(line.format(id=run.id, name=run.name, epochs=run.epochs, seconds=outcome.seconds,
                              figures=_format_logs(shown)))
    if not args.json:
        print(_("Saved {count} runs in {path}").format(count=len(kept), path=out))
    return 0
