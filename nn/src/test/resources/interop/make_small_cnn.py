#!/usr/bin/python3
"""PyTorch reference checkpoints for Chainrule's safetensors interop tests.

Generate (writes six files next to this script, or into OUTDIR):
    /usr/bin/python3 make_small_cnn.py [generate [OUTDIR]]

Verify a checkpoint written by Chainrule (exit status 0 and "OK" when it loads into the PyTorch model with
load_state_dict(strict=True) and reproduces the expected eval output to 1e-12):
    /usr/bin/python3 make_small_cnn.py verify CHECKPOINT.safetensors [cnn|seq|charlm] [EXPECTED.safetensors]

The safetensors format is written and read by hand (no `safetensors` package): an 8-byte little-endian header
length, a compact JSON header {"name": {"dtype": ..., "shape": [...], "data_offsets": [begin, end]}, ...} padded
with spaces to a multiple of 8, then the data buffer (little-endian, row-major). Tensors are ordered as the
safetensors library's `prepare` does: by its Dtype enum descending (U64, I64, F64, F32, ...: so the I64
num_batches_tracked buffers come before the F64 tensors), then by name. No "__metadata__" entry.
"""
import copy
import json
import os
import struct
import sys

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
TOLERANCE = 1e-12

# safetensors' Dtype enum order (safetensors/src/tensor.rs), used for the canonical tensor order.
DTYPE_RANK = {"BOOL": 0, "U8": 1, "I8": 2, "F8_E5M2": 3, "F8_E4M3": 4, "I16": 5, "U16": 6, "F16": 7, "BF16": 8,
              "I32": 9, "U32": 10, "F32": 11, "F64": 12, "I64": 13, "U64": 14}
TORCH_TO_ST = {torch.float64: "F64", torch.int64: "I64"}
ST_TO_TORCH = {"F64": torch.float64, "I64": torch.int64}
ST_FORMAT = {"F64": "d", "I64": "q"}


def write_safetensors(path, tensors):
    """Writes {name: tensor} (float64 -> F64, int64 -> I64) in the safetensors library's byte layout."""
    entries = []
    for name, t in tensors.items():
        t = t.detach().cpu().contiguous()
        if t.dtype not in TORCH_TO_ST:
            raise ValueError("%s: unsupported dtype %s" % (name, t.dtype))
        entries.append((name, TORCH_TO_ST[t.dtype], t))
    entries.sort(key=lambda e: (-DTYPE_RANK[e[1]], e[0].encode("utf-8")))
    header, chunks, offset = {}, [], 0
    for name, dtype, t in entries:
        values = t.reshape(-1).tolist()
        data = struct.pack("<%d%s" % (len(values), ST_FORMAT[dtype]), *values)
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    head = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    head += b" " * ((8 - len(head) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(head)))
        f.write(head)
        for chunk in chunks:
            f.write(chunk)


def read_safetensors(path):
    """Reads a safetensors file by hand: returns (dict name -> tensor in header order, dict name -> dtype string)."""
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8:
        raise ValueError("%s: shorter than 8 bytes" % path)
    (n,) = struct.unpack("<Q", raw[:8])
    if 8 + n > len(raw):
        raise ValueError("%s: header length %d past end of file (%d bytes)" % (path, n, len(raw)))
    text = raw[8:8 + n].decode("utf-8")
    if not text.startswith("{"):
        raise ValueError("%s: header does not start with '{'" % path)
    header = json.loads(text, object_pairs_hook=lambda pairs: dict(pairs))
    header.pop("__metadata__", None)
    data = raw[8 + n:]
    tensors, dtypes, spans = {}, {}, []
    for name, info in header.items():
        dtype, shape, (begin, end) = info["dtype"], info["shape"], info["data_offsets"]
        if dtype not in ST_TO_TORCH:
            raise ValueError("%s: tensor %s has dtype %s (only F64 and I64 are expected)" % (path, name, dtype))
        count = 1
        for d in shape:
            count *= d
        if end - begin != 8 * count or begin < 0 or end > len(data):
            raise ValueError("%s: tensor %s: offsets [%d, %d] do not fit shape %s" % (path, name, begin, end, shape))
        values = struct.unpack("<%d%s" % (count, ST_FORMAT[dtype]), data[begin:end])
        tensors[name] = torch.tensor(values, dtype=ST_TO_TORCH[dtype]).reshape(shape)
        dtypes[name] = dtype
        spans.append((begin, end))
    spans.sort()
    position = 0
    for begin, end in spans:
        if begin != position:
            raise ValueError("%s: data offsets leave a gap or overlap at byte %d" % (path, position))
        position = end
    if position != len(data):
        raise ValueError("%s: data buffer has %d bytes, offsets cover %d" % (path, len(data), position))
    return tensors, dtypes


def canonical_order(dtypes):
    return sorted(dtypes, key=lambda name: (-DTYPE_RANK[dtypes[name]], name.encode("utf-8")))


def small_cnn():
    return nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(4, 6, 3), nn.BatchNorm2d(6), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                         nn.Linear(6, 3))


def small_seq():
    return nn.Sequential(nn.Conv1d(2, 4, 3, padding=1), nn.GroupNorm(2, 4), nn.ReLU(), nn.AvgPool1d(2),
                         nn.Flatten(), nn.LayerNorm(16), nn.Linear(16, 3))


class CharModel(nn.Module):
    """Embedding(20, 8) -> LSTM(8 -> 12) -> TransformerEncoderLayer(12, 2 heads, ff 24, causal) -> Linear(12, 20)."""

    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(20, 8)
        self.lstm = nn.LSTM(8, 12, batch_first=True)
        self.block = nn.TransformerEncoderLayer(12, 2, 24, dropout=0.0, batch_first=True)
        self.head = nn.Linear(12, 20)

    def forward(self, idx):
        out, _ = self.lstm(self.emb(idx))
        causal = torch.triu(torch.ones(idx.shape[1], idx.shape[1], dtype=torch.bool), diagonal=1)
        return self.head(self.block(out, src_mask=causal))


# name -> (builder, input shape, expected/checkpoint file stems, seed of the fixed input x)
MODELS = {
    "cnn": (small_cnn, (2, 1, 8, 8), "small_cnn", 1),
    "seq": (small_seq, (3, 2, 8), "small_seq", 2),
    "charlm": (CharModel, (2, 7), "small_charlm", 3),
}
# Models whose input is token ids (int64 in [0, VOCABULARY)), not floats.
TOKEN_MODELS = {"charlm"}
VOCABULARY = 20


def setup():
    torch.set_default_dtype(torch.float64)
    torch.set_num_threads(1)


def random_input(kind, shape, generator=None):
    if kind in TOKEN_MODELS:
        return torch.randint(0, VOCABULARY, shape, generator=generator)
    return torch.randn(*shape, generator=generator, dtype=torch.float64)


def fixed_input(kind):
    _, shape, _, seed = MODELS[kind]
    return random_input(kind, shape, torch.Generator().manual_seed(seed))


def trained_model(kind):
    """The model after 3 training-mode forward passes on random batches, the last followed by one SGD step."""
    builder, shape, _, _ = MODELS[kind]
    torch.manual_seed(0)
    model = builder()
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    batch = (4,) + tuple(shape[1:])
    for step in range(3):
        inputs = random_input(kind, batch)
        outputs = model(inputs)
        targets = torch.randint(0, outputs.shape[-1], outputs.shape[:-1])
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(outputs.reshape(-1, outputs.shape[-1]), targets.reshape(-1))
        if step == 2:
            loss.backward()
            optimizer.step()
    model.eval()
    return model


def generate(outdir):
    setup()
    for kind, (_, _, stem, _) in MODELS.items():
        model = trained_model(kind)
        write_safetensors(os.path.join(outdir, stem + ".safetensors"), model.state_dict())
        x = fixed_input(kind)
        expected = {"x": x}
        with torch.no_grad():
            expected["eval_output"] = model(x)
            twin = copy.deepcopy(model)
            twin.train()
            expected["train_output"] = twin(x)
        for name, module in twin.named_modules():
            if isinstance(module, nn.modules.batchnorm._BatchNorm):
                expected["train_state.%s.running_mean" % name] = module.running_mean
                expected["train_state.%s.running_var" % name] = module.running_var
                expected["train_state.%s.num_batches_tracked" % name] = module.num_batches_tracked
        write_safetensors(os.path.join(outdir, stem + "_expected.safetensors"), expected)
        print("%s: wrote %s.safetensors (%s) and %s_expected.safetensors (%s)" % (
            kind, stem, ", ".join(model.state_dict()), stem, ", ".join(expected)))


def verify(checkpoint, kind, expected_path):
    setup()
    builder, _, stem, _ = MODELS[kind]
    if expected_path is None:
        expected_path = os.path.join(HERE, stem + "_expected.safetensors")
    state, dtypes = read_safetensors(checkpoint)
    expected, _ = read_safetensors(expected_path)
    model = builder()
    reference = model.state_dict()
    wrong = ["%s is %s, PyTorch holds %s" % (name, dtypes[name], TORCH_TO_ST[reference[name].dtype])
             for name in state if name in reference and dtypes[name] != TORCH_TO_ST[reference[name].dtype]]
    if wrong:
        print("FAIL: dtype mismatch: " + "; ".join(wrong))
        return 1
    if list(state) != canonical_order(dtypes):
        print("note: tensor order differs from the safetensors library's (dtype descending, then name)")
    try:
        model.load_state_dict(state, strict=True)
    except RuntimeError as e:
        print("FAIL: load_state_dict(strict=True): %s" % e)
        return 1
    model.eval()
    with torch.no_grad():
        out = model(expected["x"])
    want = expected["eval_output"]
    if out.shape != want.shape:
        print("FAIL: output shape %s, expected %s" % (tuple(out.shape), tuple(want.shape)))
        return 1
    diff = (out - want).abs().max().item()
    if diff <= TOLERANCE:
        print("OK (%s, max |difference| %.3g)" % (kind, diff))
        return 0
    print("FAIL: max |difference| %.6g > %g" % (diff, TOLERANCE))
    return 1


def main(argv):
    if len(argv) >= 2 and argv[1] == "verify":
        if len(argv) < 3 or len(argv) > 5 or (len(argv) >= 4 and argv[3] not in MODELS):
            print("usage: make_small_cnn.py verify CHECKPOINT.safetensors [cnn|seq|charlm] [EXPECTED.safetensors]")
            return 2
        return verify(argv[2], argv[3] if len(argv) >= 4 else "cnn", argv[4] if len(argv) == 5 else None)
    if len(argv) >= 2 and argv[1] != "generate":
        print("usage: make_small_cnn.py [generate [OUTDIR]] | verify CHECKPOINT [cnn|seq|charlm] [EXPECTED]")
        return 2
    generate(argv[2] if len(argv) >= 3 else HERE)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
