"""The Keras-style summary table: Layer (type), Output Shape, Param #, Connected to, and the totals."""

from __future__ import annotations


def _shape_text(shape) -> str:
    return "(None, " + ", ".join(str(d) for d in shape) + ")"


def rows(net) -> list[dict]:
    """One dict per node in flow order: id, type, name, output_shape, params, trainable, connected_to."""
    out = []
    names = {n["id"]: n.get("name") for n in net.to_config()["nodes"]}
    for nid in net.order:
        trainable = sum(a.size for a in net._params[nid].values())
        frozen = sum(a.size for a in net._state[nid].values())
        out.append({"id": nid, "type": net.layers[nid].TYPE, "name": names.get(nid) or nid,
                    "output_shape": (None,) + tuple(net.shapes[nid]), "params": int(trainable + frozen),
                    "trainable": int(trainable), "connected_to": list(net.inputs[nid])})
    return out


def table(net) -> str:
    data = rows(net)
    header = ("Layer (type)", "Output Shape", "Param #", "Connected to")
    cells = [(f"{r['id']} ({r['type']})", _shape_text(r["output_shape"][1:]), f"{r['params']:,}",
              ", ".join(r["connected_to"])) for r in data]
    widths = [max(len(header[i]), *(len(c[i]) for c in cells)) + 2 for i in range(4)]
    width = sum(widths)

    def line(values):
        return "".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()

    total = net.count_params()
    trainable = net.count_params(trainable_only=True)
    parts = ["=" * width, line(header), "=" * width]
    for i, c in enumerate(cells):
        parts.append(line(c))
        parts.append(("-" if i < len(cells) - 1 else "=") * width)
    parts += [f"Total params: {total:,}", f"Trainable params: {trainable:,}",
              f"Non-trainable params: {total - trainable:,}"]
    return "\n".join(parts)
