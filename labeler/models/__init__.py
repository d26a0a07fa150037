"""Model suggestions, headless: a model proposes shapes, the worker decides.

onnxruntime is imported only when a model is loaded (``runtime``), so the core, the CLI and
the server start without it. Modules, one job each:

- ``spec``: what a model is (task, class map to taxonomy ids, input size, thresholds).
- ``predictions``: a suggested shape with its score, and how suggestions are stored.
- ``preprocess``: image → input tensor (letterbox for detectors, resize for classifiers).
- ``yolo``: YOLO export outputs → boxes / polygons, with NMS, in image pixels.
- ``masks``: a segmentation mask → one polygon.
- ``runtime``: an ONNX model loaded with a bounded thread count, verified by SHA-256.
- ``cache``: the project's models and the predictions cached per image and model.
- ``outcomes``: the record of what the worker did with each suggestion.
- ``report``: the model's report card from the workers' final answers.
- ``imports``: predictions made elsewhere (COCO, YOLO, Label Studio) into the cache.
"""
