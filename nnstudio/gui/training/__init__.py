"""Live training: the QThread worker, the GUI-side state machine, the training panel and the hooks into the
studio window. The worker never touches widgets; it emits plain data that the views in gui/plots draw."""
