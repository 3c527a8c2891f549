"""The ``nnstudio`` command: headless train / compare / evaluate / predict / summary / gradcheck / validate / export.

With no arguments (or a single ``.nnproj`` file, or ``gui ARGS...``) it launches the GUI; Qt is imported only
in that branch, so every other subcommand runs on a machine without a display. A bad file or argument prints
one line ``nnstudio: error: <sentence>`` on stderr and exits 2.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

import nnstudio
from nnstudio import argparse_words, cli_compare, cli_data, i18n
from nnstudio.export import FORMATS as EXPORT_FORMATS
from nnstudio.i18n import N_, _


class UsageError(Exception):
    """A bad command line: argparse's own complaints and ours end up here."""


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, formatter_class=argparse_words.HelpFormatter, **kwargs)

    def error(self, message):  # argparse would print the usage block and exit; we want one line, exit 2
        raise UsageError(_("{message} (see '{prog} --help')").format(message=message, prog=self.prog))


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="nnstudio", description=_("Design neural networks visually and watch them learn. "
                                                     "Without a command, opens the app (optionally with a "
                                                     ".nnproj file)."))
    parser.add_argument("--version", action="version", version=f"nnstudio {nnstudio.__version__}",
                        help=_("show program's version number and exit"))
    parser.add_argument("--lang", metavar="LANG", help=_("language of messages and of the app: en or zh_CN "
                                                         "(default: the locale's; the app also remembers "
                                                         "View > Language)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name, help_text):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("project", type=Path, help=_("an .nnproj file"))
        return p

    # listed for --help only: main() hands `gui ...` to the app's own parser before this one runs
    sub.add_parser("gui", help=_("open the app window, optionally with a .nnproj file (see 'nnstudio gui "
                                 "--help')"), add_help=False)
    p = command("train", _("train a project headless with its settings and save the result"))
    p.add_argument("--epochs", type=int, help=_("epochs to train (default: the project's setting)"))
    p.add_argument("--seed", type=int, help=_("random seed (default: the project's setting)"))
    p.add_argument("--out", type=Path, help=_("write the trained project here instead of in place"))
    p.add_argument("--json", action="store_true", help=_("print the final figures as one JSON object"))
    p = command("evaluate", _("loss and metrics of the saved weights on the train/val/test parts"))
    p.add_argument("--json", action="store_true", help=_("print the figures as one JSON object"))
    p = command("predict", _("predict a CSV of new samples with the trained network"))
    p.add_argument("--input", type=Path, required=True, help=_("CSV with the project's feature columns"))
    p.add_argument("--output", type=Path, required=True, help=_("CSV to write the predictions to"))
    command("summary", _("the network as a table: layers, output shapes, parameter counts"))
    p = command("gradcheck", _("compare backpropagation with numerical gradients (float64)"))
    p.add_argument("--samples", type=int, default=4, help=_("training samples to check on (default 4)"))
    command("validate", _("load and check a project file without training"))
    p = command("export", _("export the network to another framework"))
    p.add_argument("--format", required=True, choices=list(EXPORT_FORMATS))
    p.add_argument("--output", required=True,
                   help=_("file to write (scripts get their .npz beside), or a folder (ending in /)"))
    cli_compare.add_parser(sub)
    cli_data.add_parser(sub)
    return parser


# ---- entry point ------------------------------------------------------------------------------------------
def _take_lang(argv: list[str]) -> tuple[str | None, list[str]]:
    """``--lang X`` / ``--lang=X`` anywhere in ``argv``, and the rest (each command then reads only its own)."""
    lang, rest, i = None, [], 0
    while i < len(argv):
        if argv[i] == "--lang" and i + 1 < len(argv):
            lang, i = argv[i + 1], i + 2
            continue
        if argv[i].startswith("--lang="):
            lang = argv[i].split("=", 1)[1]
        else:
            rest.append(argv[i])
        i += 1
    return lang, rest


def main(argv: list[str] | None = None) -> int:
    lang, argv = _take_lang(list(sys.argv[1:] if argv is None else argv))
    gui_lang = [] if lang is None else ["--lang", lang]
    if not argv or argv[0].endswith(".nnproj"):  # `nnstudio lesson.nnproj [GUI options]` opens the app
        return _gui(argv + gui_lang)
    if argv[0] == "gui":
        return _gui(argv[1:] + gui_lang)
    i18n.set_language(lang)
    from nnstudio.data.errors import DataError
    from nnstudio.engine.errors import SpecError, TrainingDiverged
    from nnstudio.project import ProjectError

    try:
        with argparse_words.translated():   # the parser is built after set_language: its help is translated
            args = _build_parser().parse_args(argv)
        if args.command is None:
            raise UsageError(_("choose a command (see 'nnstudio --help')"))
        return COMMANDS[args.command](args)
    except (UsageError, ProjectError, DataError, SpecError) as exc:
        _fail(exc)
        return 2
    except TrainingDiverged as exc:
        _fail(exc)
        return 1
    except SystemExit as exc:  # --help and --version print, then exit 0
        return exc.code if isinstance(exc.code, int) else 0
    except KeyboardInterrupt:
        print("nnstudio: " + _("interrupted"), file=sys.stderr)
        return 130


def _fail(exc: BaseException) -> None:
    message = " ".join(str(getattr(exc, "message", exc)).split())  # one line, whatever the sentence held
    print(f"nnstudio: error: {message}", file=sys.stderr)


def _gui(argv: list[str]) -> int:
    from nnstudio.gui.app import main as gui_main  # Qt is imported here and nowhere else in the CLI

    return int(gui_main(argv) or 0)


def _load(path: Path):
    from nnstudio.project import load

    return load(path)


# ---- figures ---------------------------------------------------------------------------------------------
def _last(history: dict, key: str) -> float | None:
    values = history.get(key) or []
    if not values or not math.isfinite(values[-1]):
        return None
    return float(values[-1])


def _number(value: float) -> str:
    return f"{value:.3e}" if value != 0 and abs(value) < 1e-3 else f"{value:.4f}"


def _format_logs(logs: dict, keys=("loss", "accuracy", "mae", "rmse", "r2", "val_loss", "val_accuracy",
                                   "val_mae", "val_rmse", "val_r2")) -> str:
    return "  ".join(f"{k} {_number(logs[k])}" for k in keys if isinstance(logs.get(k), (int, float)))


def _duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds >= 60 else f"{seconds}s"


class _Progress:
    """Counts optimizer steps; on a terminal, redraws one status line per epoch (and within long epochs)."""

    def __init__(self, epochs: int, first_epoch: int, stream, live: bool):
        self.epochs, self.first, self.stream, self.live = epochs, first_epoch, stream, live
        self.steps = 0
        self.start = time.perf_counter()
        self.fit_seconds = 0.0     # training alone: from fit's first hook to its last (data and network ready)
        self._fit_start: float | None = None
        self._drawn = 0.0
        self._logs: dict = {}
        self._done = 0

    def on_train_begin(self, net, logs):
        self._fit_start = time.perf_counter()

    def on_batch_end(self, net, logs):
        self.steps += 1
        if self.live and time.perf_counter() - self._drawn > 0.2:
            batches = max(int(logs.get("batches_per_epoch", 1)), 1)
            self._draw(self._done + (int(logs.get("batch", 0)) + 1) / batches, epoch=self._done + 1)

    def on_epoch_end(self, net, logs):
        self._done += 1
        self._logs = logs
        if self.live:
            self._draw(self._done, epoch=self._done, force=True)

    def on_train_end(self, net, logs):
        if self._fit_start is not None:
            self.fit_seconds += time.perf_counter() - self._fit_start
            self._fit_start = None
        if self.live:
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, done: float, epoch: int, force: bool = False):
        """``done``: epochs completed (fractional within an epoch); ``epoch``: the one shown (1-based)."""
        now = time.perf_counter()
        if not force and now - self._drawn < 0.2:
            return
        self._drawn = now
        frac = min(done / max(self.epochs, 1), 1.0)
        width = 24
        bar = "#" * int(frac * width) + "-" * (width - int(frac * width))
        elapsed = now - self.start
        eta = elapsed / done * (self.epochs - done) if done > 0 else float("nan")
        eta_text = _duration(eta) if math.isfinite(eta) else "?"
        line = (f"epoch {self.first + min(epoch, self.epochs)}/{self.first + self.epochs} [{bar}] "
                f"ETA {eta_text:<5} {_format_logs(self._logs)}")
        width = shutil.get_terminal_size((100, 24)).columns - 1  # a wrapped line could not be redrawn
        self.stream.write("\r" + line[:width].ljust(width))
        self.stream.flush()


# ---- commands --------------------------------------------------------------------------------------------
def cmd_train(args) -> int:
    from nnstudio.project import runner

    project = _load(args.project)
    if args.epochs is not None and args.epochs < 1:
        raise UsageError(_("--epochs must be at least 1, not {epochs}").format(epochs=args.epochs))
    epochs = args.epochs if args.epochs is not None else int(project.training.get("epochs", 100))
    before = runner.epochs_done(project)
    progress = _Progress(epochs, before, sys.stderr, live=sys.stderr.isatty())
    start = time.perf_counter()
    with _StopOnInterrupt() as interrupt:
        runner.train(project, epochs=epochs, seed=args.seed, callbacks=[progress, interrupt])
    seconds = time.perf_counter() - start
    out = project.save(args.out if args.out is not None else args.project)
    ran = runner.epochs_done(project) - before
    figures = train_figures(project, ran, progress.steps, seconds, progress.fit_seconds, out, interrupt.requested)
    if args.json:
        print(json.dumps(figures))
    else:
        shown = {k: v for k, v in figures.items() if k not in ("epochs", "total_epochs", "steps", "steps_per_s",
                                                                 "seconds", "fit_steps_per_s", "fit_seconds",
                                                                 "output", "interrupted")}
        if interrupt.requested:
            template = (_("Stopped by Ctrl-C after 1 epoch in {seconds:.1f} s ({rate:.0f} steps/s): {figures}")
                        if ran == 1 else
                        _("Stopped by Ctrl-C after {epochs} epochs in {seconds:.1f} s ({rate:.0f} steps/s): {figures}"))
        else:
            template = (_("Trained 1 epoch in {seconds:.1f} s ({rate:.0f} steps/s): {figures}") if ran == 1 else
                        _("Trained {epochs} epochs in {seconds:.1f} s ({rate:.0f} steps/s): {figures}"))
        print(template.format(epochs=ran, seconds=seconds, rate=figures["steps_per_s"] or 0,
                              figures=_format_logs(shown)))
        if "mae" in shown and project.data.get("preprocessing", {}).get("scale_target"):
            print(_("mae and rmse are on the scaled target, as in the curves; 'nnstudio evaluate' gives them in "
                    "the target's own units."))
        print(_("Saved {path}").format(path=out))
    return 130 if interrupt.requested else 0


def train_figures(project, ran: int, steps: int, seconds: float, fit_seconds: float, out, interrupted: bool) -> dict:
    """What `nnstudio train --json` prints (and `nnstudio compare --json` per run)."""
    from nnstudio.project import runner

    history = project.history or {}
    figures = {"epochs": ran, "total_epochs": runner.epochs_done(project)}
    for key in ("loss", "val_loss", "accuracy", "val_accuracy", "mae", "val_mae", "rmse", "val_rmse", "r2",
                "val_r2"):
        if key in ("loss", "val_loss") or key in history:
            figures[key] = _last(history, key)
    figures.update({"steps": steps, "steps_per_s": steps / seconds if seconds > 0 else None,
                    "seconds": seconds, "fit_steps_per_s": steps / fit_seconds if fit_seconds > 0 else None,
                    "fit_seconds": fit_seconds, "output": str(out), "interrupted": interrupted})
    return figures


class _StopOnInterrupt:
    """A training callback: the first Ctrl-C ends training after the current batch so the work done so far
    is saved; a second Ctrl-C aborts at once (nothing saved)."""

    def __init__(self):
        self.requested = False
        self._previous = None

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():  # signals reach the main thread only
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc):
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)

    def _handle(self, signum, frame):
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def on_batch_end(self, net, logs):
        return self.requested


# the parts of the data evaluate reports, and their names in its lines
_PARTS = {"train": N_("train"), "val": N_("val"), "test": N_("test")}


def cmd_evaluate(args) -> int:
    from nnstudio.project import runner

    project = _load(args.project)
    results = runner.evaluate(project)
    if args.json:
        print(json.dumps(results))
        return 0
    if results["trained"]:
        print((_("{title}: trained for 1 epoch") if results["epochs"] == 1 else _("{title}: trained for {epochs} epochs"))
              .format(title=project.title, epochs=results["epochs"]))
    else:
        print(_("{title}: untrained (initial weights)").format(title=project.title))
    for part, name in _PARTS.items():
        if part in results:
            figures = {k: v for k, v in results[part].items() if k != "samples"}
            print(_("  {part:<5} {samples:>6} samples  {figures}")
                  .format(part=_(name), samples=results[part]["samples"], figures=_format_logs(figures)))
    return 0


def cmd_predict(args) -> int:
    from nnstudio.project.predict import predict_csv

    count = predict_csv(_load(args.project), args.input, args.output)
    print(_("Wrote {count} predictions to {path}").format(count=count, path=args.output))
    return 0


def cmd_summary(args) -> int:
    project = _load(args.project)
    net = project.network()
    print(f"{project.title} ({args.project})")
    print(net.summary())
    return 0


def cmd_gradcheck(args) -> int:
    from nnstudio.engine.gradcheck import TOLERANCE, check
    from nnstudio.project import runner

    if args.samples < 1:
        raise UsageError(_("--samples must be at least 1, not {samples}").format(samples=args.samples))
    project = _load(args.project)
    prepared = runner.prepare(project)
    for node_id, layer in prepared.network.layers.items():
        activation = getattr(layer, "activation", None)
        if activation is not None and not activation.differentiable:
            raise UsageError(_("{project} cannot be gradient-checked: node {node_id!r} uses the "
                               "'{name}' activation, which has no gradient (it is trained by the "
                               "perceptron rule, not by backpropagation)").format(project=args.project, node_id=node_id, name=activation.name))
    n = min(args.samples, len(prepared.X))
    results = check(prepared.network, prepared.X[:n], prepared.y[:n], prepared.loss)
    width = max((len(k) for k in results), default=10)
    for key, r in results.items():
        line = (_("{key}  max relative error {error:.2e}  {verdict}") if not r.kinks else
                _("{key}  max relative error {error:.2e}  {verdict}  ({kinks} of {size} at a kink, skipped)"))
        print(line.format(key=f"{key:<{width}}", error=r.error, verdict="ok" if r.ok else "MISMATCH",
                          kinks=r.kinks, size=r.size))
    worst = max((r.error for r in results.values()), default=0.0)
    print(_("{count} tensors checked on {n} samples in float64; worst {worst:.2e} (tolerance {tolerance:g})")
          .format(count=len(results), n=n, worst=worst, tolerance=TOLERANCE))
    kinks = sum(r.kinks for r in results.values())
    if kinks:
        print(_("{kinks} entries sit at a kink, where the slope jumps (a ReLU input at exactly 0, a tie in a "
                "max-pool window): a finite difference there averages the two sides, while backpropagation "
                "takes one side's slope, as every framework does. They are not errors and were left out.")
              .format(kinks=kinks))
    return 0 if all(r.ok for r in results.values()) else 1


def cmd_validate(args) -> int:
    from nnstudio.engine import spec as spec_module
    from nnstudio.project import ProjectError

    project = _load(args.project)
    analysis = spec_module.analyze(project.spec)
    if analysis.errors:
        for err in analysis.errors:
            print(_("  node {id!r}: {error}").format(id=err.node_id, error=err) if err.node_id else f"  {err}")
        raise ProjectError(_("{project} is a readable project, but its network has {count} "
                             "problem(s); the first: {errors}").format(project=args.project, count=len(analysis.errors), errors=analysis.errors[0]), args.project)
    params = sum(analysis.param_counts.values())
    from nnstudio.project.runner import epochs_done

    values = {"project": args.project, "title": project.title, "nodes": len(project.spec["nodes"]), "params": params}
    # "ok: " stays as it is in every language, like "nnstudio: error: ", for scripts to look for
    if project.weights is None:
        print("ok: " + _("{project}: '{title}', {nodes} nodes, {params:,} parameters, untrained").format(**values))
    else:
        epochs = epochs_done(project)
        print("ok: " + (_("{project}: '{title}', {nodes} nodes, {params:,} parameters, trained for 1 epoch")
                        if epochs == 1 else
                        _("{project}: '{title}', {nodes} nodes, {params:,} parameters, trained for {epochs} epochs"))
              .format(epochs=epochs, **values))
    return 0


def cmd_export(args) -> int:
    from nnstudio.project import ProjectError

    from nnstudio.export import export_project

    project = _load(args.project)
    try:
        paths = export_project(project, args.format, args.output)
    except ImportError as exc:  # the exporter's message already names the extra to install
        raise UsageError(str(exc)) from None
    except ValueError as exc:  # a network or output path the exporter cannot handle, named by the exporter
        if isinstance(exc, ProjectError):
            raise
        raise ProjectError(_("Cannot export {project}: {exc}")
                           .format(project=args.project, exc=exc), args.project) from None
    for path in paths:
        print(_("Wrote {path}").format(path=path))
    return 0


COMMANDS = {"train": cmd_train, "evaluate": cmd_evaluate, "predict": cmd_predict, "summary": cmd_summary,
            "gradcheck": cmd_gradcheck, "validate": cmd_validate, "export": cmd_export, "data": cli_data.run,
            "compare": cli_compare.run}

if __name__ == "__main__":
    sys.exit(main())
