"""pyqtgraph views of a network while it learns. Each view takes plain data (dicts and arrays emitted by the
training worker) through a GUI-thread method and redraws only what changed."""

import warnings

# pyqtgraph sizes a scatter with np.nanmin/nanmax, which warn when every point is NaN (a diverged network's
# predictions, an optimizer path that overflowed): it then draws nothing, which is right. Only that call's
# warning is silenced (the filter matches pyqtgraph's scatter module as the caller).
warnings.filterwarnings("ignore", message="All-NaN slice encountered", category=RuntimeWarning,
                        module=r"pyqtgraph\.graphicsItems\.ScatterPlotItem")
