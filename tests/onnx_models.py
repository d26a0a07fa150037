"""Small ONNX models built in the test itself with the ``onnx`` package.

Each outputs predictions the test knows, in the layouts real exporters write, so the real
loading, pre-processing, NMS and mapping code runs on them with onnxruntime. Also a network
of YOLOv8n's size (random weights) for the inference benchmark.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17


def _save(graph: onnx.GraphProto, path: Path, metadata: dict[str, str] | None = None) -> Path:
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8
    for k, v in (metadata or {}).items():
        entry = model.metadata_props.add()
        entry.key, entry.value = k, v
    onnx.checker.check_model(model)
    path.write_bytes(model.SerializeToString())
    return path


def constant_model(
    path: Path,
    outputs: dict[str, np.ndarray],
    size: tuple[int, int] = (640, 640),
    names: list[str] | None = None,
    task: str | None = None,
) -> Path:
    """A model whose outputs are ``outputs`` whatever image it is given (the input is used,
    times zero, as a real graph would use it)."""
    w, h = size
    inp = helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, h, w])
    nodes = [
        helper.make_node("ReduceMean", ["images"], ["mean"], keepdims=0),
        helper.make_node("Mul", ["mean", "zero"], ["nothing"]),
    ]
    inits = [numpy_helper.from_array(np.array(0.0, np.float32), "zero")]
    outs = []
    for name, arr in outputs.items():
        inits.append(numpy_helper.from_array(arr.astype(np.float32), f"{name}_c"))
        nodes.append(helper.make_node("Add", [f"{name}_c", "nothing"], [name]))
        outs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, list(arr.shape)))
    graph = helper.make_graph(nodes, "constant", [inp], outs, initializer=inits)
    meta = {}
    if names is not None:
        meta["names"] = repr(dict(enumerate(names)))
        meta["imgsz"] = repr([size[1], size[0]])
    if task:
        meta["task"] = task
    return _save(graph, path, meta)


def yolov8_rows(
    detections: list[tuple[float, float, float, float, int, float]], nc: int, n: int = 8400
) -> np.ndarray:
    """(1, 4 + nc, n) with the given (cx, cy, w, h, class, score) in the first columns, and
    low-score noise elsewhere (as a real detector's output looks)."""
    rng = np.random.default_rng(7)
    out = np.zeros((1, 4 + nc, n), np.float32)
    out[0, :4] = rng.uniform(10, 600, (4, n))
    out[0, 4:] = rng.uniform(0, 0.05, (nc, n))
    for j, (cx, cy, w, h, c, s) in enumerate(detections):
        out[0, :4, j] = (cx, cy, w, h)
        out[0, 4:, j] = 0.01
        out[0, 4 + c, j] = s
    return out


def detector(path: Path, detections, names: list[str], size=(640, 640)) -> Path:
    return constant_model(
        path, {"output0": yolov8_rows(detections, len(names))}, size, names, "detect"
    )


def segmenter(path: Path, detections, names: list[str], mask: np.ndarray, size=(640, 640)) -> Path:
    """YOLOv8-seg layout: one mask coefficient per detection (1.0) and one prototype, which
    is +8 where ``mask`` (160x160) is set and -8 elsewhere."""
    rows = yolov8_rows(detections, len(names))
    rows = np.concatenate([rows, np.ones((1, 1, rows.shape[2]), np.float32)], axis=1)
    protos = np.where(mask, 8.0, -8.0).astype(np.float32)[None, None]
    return constant_model(path, {"output0": rows, "output1": protos}, size, names, "segment")


def mean_colour_classifier(path: Path, size=(224, 224), scale: float = 10.0) -> Path:
    """Three classes (red, green, blue): logits = scale × the mean of each input channel,
    so the colour of the image decides the class and channel order is tested."""
    w, h = size
    inp = helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, h, w])
    out = helper.make_tensor_value_info("output0", TensorProto.FLOAT, [1, 3])
    nodes = [
        helper.make_node("ReduceMean", ["images"], ["m"], axes=[2, 3], keepdims=0),
        helper.make_node("Mul", ["m", "scale"], ["output0"]),
    ]
    inits = [
        numpy_helper.from_array(np.array(scale, np.float32), "scale"),
    ]
    graph = helper.make_graph(nodes, "colour", [inp], [out], initializer=inits)
    meta = {"names": repr({0: "red", 1: "green", 2: "blue"}), "task": "classify"}
    return _save(graph, path, meta)


def yolov8n_sized(
    path: Path, size: int = 640, nc: int = 80, seed: int = 0, planted: int = 0
) -> Path:
    """A convolutional network of YOLOv8n's size and cost (about 3 M parameters, 8–9 GFLOPs
    at 640 px), random weights, with YOLOv8's output layout. Built with ``onnx`` alone.

    Random weights find nothing; ``planted`` > 0 adds that many confident detections (boxes
    of about 90x70 network pixels on a grid, scores 0.9 down) to every output, so the app has
    suggestions to show and decode at the network's full cost."""
    rng = np.random.default_rng(seed)
    inits: list = []
    nodes: list = []
    counter = iter(range(10_000))

    def conv(x: str, cin: int, cout: int, k: int = 3, s: int = 1) -> str:
        i = next(counter)
        wname, bname, y, a = f"w{i}", f"b{i}", f"c{i}", f"a{i}"
        fan = cin * k * k
        inits.append(
            numpy_helper.from_array(
                (rng.standard_normal((cout, cin, k, k)) / np.sqrt(fan)).astype(np.float32), wname
            )
        )
        inits.append(numpy_helper.from_array(np.zeros(cout, np.float32), bname))
        p = k // 2
        nodes.append(
            helper.make_node(
                "Conv",
                [x, wname, bname],
                [y],
                kernel_shape=[k, k],
                strides=[s, s],
                pads=[p, p, p, p],
            )
        )
        nodes.append(helper.make_node("Sigmoid", [y], [y + "s"]))
        nodes.append(helper.make_node("Mul", [y, y + "s"], [a]))  # SiLU
        return a

    def block(x: str, c: int, n: int) -> str:
        for _ in range(n):
            y = conv(conv(x, c, c, 3), c, c, 3)
            i = next(counter)
            nodes.append(helper.make_node("Add", [x, y], [f"r{i}"]))
            x = f"r{i}"
        return x

    x = conv("images", 3, 16, 3, 2)  # 320
    x = conv(x, 16, 32, 3, 2)  # 160
    x = block(x, 32, 1)
    x = conv(x, 32, 64, 3, 2)  # 80
    p3 = block(x, 64, 2)
    x = conv(p3, 64, 128, 3, 2)  # 40
    p4 = block(x, 128, 2)
    x = conv(p4, 128, 256, 3, 2)  # 20
    p5 = block(x, 256, 1)
    heads = []
    for feat, c in ((p3, 64), (p4, 128), (p5, 256)):
        h1 = conv(conv(feat, c, 64), 64, 64)
        h2 = conv(conv(feat, c, 80), 80, 80)
        i = next(counter)
        wb, wc = f"hb{i}", f"hc{i}"
        inits.append(
            numpy_helper.from_array(
                (rng.standard_normal((4, 64, 1, 1)) * 0.05).astype(np.float32), wb
            )
        )
        inits.append(
            numpy_helper.from_array(
                (rng.standard_normal((nc, 80, 1, 1)) * 0.05).astype(np.float32), wc
            )
        )
        nodes.append(helper.make_node("Conv", [h1, wb], [f"box{i}"], kernel_shape=[1, 1]))
        # the class bias a trained detector learns: most anchors score near 0, as on real
        # images, so NMS sees tens of candidates rather than thousands
        inits.append(numpy_helper.from_array(np.full(nc, -6.0, np.float32), f"hcb{i}"))
        nodes.append(
            helper.make_node("Conv", [h2, wc, f"hcb{i}"], [f"cls{i}"], kernel_shape=[1, 1])
        )
        nodes.append(helper.make_node("Sigmoid", [f"cls{i}"], [f"clsp{i}"]))
        nodes.append(helper.make_node("Concat", [f"box{i}", f"clsp{i}"], [f"cat{i}"], axis=1))
        inits.append(numpy_helper.from_array(np.array([1, 4 + nc, -1], np.int64), f"shape{i}"))
        nodes.append(helper.make_node("Reshape", [f"cat{i}", f"shape{i}"], [f"flat{i}"]))
        heads.append(f"flat{i}")
    n = sum((size // s) ** 2 for s in (8, 16, 32))
    nodes.append(helper.make_node("Concat", heads, ["raw" if planted else "output0"], axis=2))
    if planted:
        plant = np.zeros((1, 4 + nc, n), np.float32)
        for k, a in enumerate(rng.choice(n, planted, replace=False)):
            plant[0, :4, a] = (60 + (k % 5) * 120, 120 + (k // 5) * 100, 90, 70)
            plant[0, 4 + k % nc, a] = 0.9 - 0.02 * k
        inits.append(numpy_helper.from_array(plant, "plant"))
        nodes.append(helper.make_node("Add", ["raw", "plant"], ["output0"]))
    inp = helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, size, size])
    out = helper.make_tensor_value_info("output0", TensorProto.FLOAT, [1, 4 + nc, n])
    graph = helper.make_graph(nodes, "yolov8n-sized", [inp], [out], initializer=inits)
    names = [f"class{i}" for i in range(nc)]
    return _save(graph, path, {"names": repr(dict(enumerate(names))), "task": "detect"})
