"""pyqtgraph views of a network while it learns. Each view takes plain data (dicts and arrays emitted by the
training worker) through a GUI-thread method and redraws only what changed."""
