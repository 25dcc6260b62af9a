#!/usr/bin/python3
"""PyTorch truth for attention and transformer cases the shared layer oracle lacks (float64, layer-oracle/1 format,
see LAYERS.md): additive and causal masks, padding masks, bias-free and unbatched attention, sequence-first
layouts, pre-norm GELU blocks, a 2-layer TransformerEncoder with a final norm (the tinygpt shape in miniature), and
double backward through attention.

    /usr/bin/python3 make_transformer_cases.py > transformer.json

Float (additive) masks carry "dtype": "float64" and a name ending in "_additive"; bool masks are as in LAYERS.md.
"""
import json
import sys

import torch
from torch import nn

torch.set_default_dtype(torch.float64)
torch.manual_seed(2026)


def t(x):
    if x.dtype == torch.bool:
        return {"shape": list(x.shape), "dtype": "bool", "data": [bool(v) for v in x.flatten().tolist()]}
    return {"shape": list(x.shape), "data": [float(v) for v in x.detach().flatten().tolist()]}


def additive(x):
    return {"shape": list(x.shape), "dtype": "float64", "data": [float(v) for v in x.flatten().tolist()]}


def randomize(module):
    # Non-trivial values everywhere (PyTorch's init leaves biases and norm weights at 0 and 1).
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.randn_like(p) * 0.5)


def case(name, kind, config, module, inputs, call, masks=None, second_order=False):
    module.train()
    state = {k: t(v) for k, v in module.state_dict().items()}
    leaves = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
    outputs = call(module, leaves)
    weights = {k: torch.randn_like(v) for k, v in outputs.items()}
    loss = sum((outputs[k] * weights[k]).sum() for k in outputs)
    named = dict(leaves)
    named.update(dict(module.named_parameters()))
    grads = torch.autograd.grad(loss, list(named.values()), create_graph=second_order)
    result = {"name": name, "kind": kind, "config": config, "args": {}, "mode": "train",
              "inputs": {k: t(v) for k, v in inputs.items()}, "state_before": state}
    for k, v in (masks or {}).items():
        result[k] = additive(v) if k.endswith("_additive") else t(v)
    result.update({"outputs": {k: t(v) for k, v in outputs.items()},
                   "loss_weights": {k: t(v) for k, v in weights.items()}, "loss": float(loss),
                   "grads": {k: t(g) for k, g in zip(named, grads)}})
    if second_order:
        of = next(iter(leaves))
        v = torch.randn_like(leaves[of])
        s = (grads[0] * v).sum()
        again = torch.autograd.grad(s, list(named.values()), allow_unused=True)
        result["second_order"] = {"of": of, "v": t(v), "value": float(s), "grads": {
            k: t(g if g is not None else torch.zeros_like(named[k])) for k, g in zip(named, again)}}
    return result


def causal(n):
    return torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)


cases = []

# Self-attention under a causal mask, sequence-first, with double backward.
mha = nn.MultiheadAttention(8, 2)
randomize(mha)
mask = causal(5)
cases.append(case("mha_causal_seq_first", "MultiheadAttention", {"embed_dim": 8, "num_heads": 2}, mha,
                  {"x": torch.randn(5, 2, 8)},
                  lambda m, i: dict(zip(["output", "attn_weights"], m(i["x"], i["x"], i["x"], attn_mask=mask))),
                  {"attn_mask": mask}, second_order=True))

# An additive float mask with -inf entries and finite offsets, and a padding mask, query != key != value.
mha = nn.MultiheadAttention(6, 3, batch_first=True)
randomize(mha)
offsets = torch.randn(4, 7)
offsets[0, 2] = float("-inf")
offsets[3, 5] = float("-inf")
padding = torch.tensor([[False] * 6 + [True], [False, True] + [False] * 5])
cases.append(case("mha_additive_mask_distinct_kv", "MultiheadAttention",
                  {"embed_dim": 6, "num_heads": 3, "batch_first": True}, mha,
                  {"q": torch.randn(2, 4, 6), "k": torch.randn(2, 7, 6), "v": torch.randn(2, 7, 6)},
                  lambda m, i: dict(zip(["output", "attn_weights"],
                                        m(i["q"], i["k"], i["v"], attn_mask=offsets, key_padding_mask=padding))),
                  {"attn_mask_additive": offsets, "key_padding_mask": padding}))

# No biases, unbatched input.
mha = nn.MultiheadAttention(4, 2, bias=False)
randomize(mha)
cases.append(case("mha_unbatched_nobias", "MultiheadAttention", {"embed_dim": 4, "num_heads": 2, "bias": False},
                  mha, {"x": torch.randn(3, 4)},
                  lambda m, i: dict(zip(["output", "attn_weights"], m(i["x"], i["x"], i["x"])))))

# Pre-norm GELU block under a causal mask, batch first, with double backward.
layer = nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0, activation="gelu", batch_first=True, norm_first=True)
randomize(layer)
cases.append(case("transformer_pre_gelu_causal", "TransformerEncoderLayer",
                  {"d_model": 8, "nhead": 2, "dim_feedforward": 16, "dropout": 0.0, "activation": "gelu",
                   "batch_first": True, "norm_first": True}, layer, {"x": torch.randn(2, 5, 8)},
                  lambda m, i: {"output": m(i["x"], src_mask=mask)}, {"src_mask": mask}, second_order=True))

# Post-norm ReLU block, sequence first, with a key padding mask.
layer = nn.TransformerEncoderLayer(6, 3, 10, dropout=0.0)
randomize(layer)
padding = torch.tensor([[False, False, False, True], [False, False, False, False], [False, True, True, True]])
cases.append(case("transformer_post_padding_seq_first", "TransformerEncoderLayer",
                  {"d_model": 6, "nhead": 3, "dim_feedforward": 10, "dropout": 0.0}, layer,
                  {"x": torch.randn(4, 3, 6)},
                  lambda m, i: {"output": m(i["x"], src_key_padding_mask=padding)}, {"key_padding_mask": padding}))

# Two pre-norm GELU blocks and a final LayerNorm under a causal mask: tinygpt in miniature.
block = nn.TransformerEncoderLayer(8, 2, 12, dropout=0.0, activation="gelu", batch_first=True, norm_first=True)
encoder = nn.TransformerEncoder(block, 2, norm=nn.LayerNorm(8), enable_nested_tensor=False)
randomize(encoder)
cases.append(case("transformer_encoder_2_layers_norm", "TransformerEncoder",
                  {"d_model": 8, "nhead": 2, "dim_feedforward": 12, "dropout": 0.0, "activation": "gelu",
                   "batch_first": True, "norm_first": True, "num_layers": 2, "norm": True}, encoder,
                  {"x": torch.randn(2, 6, 8)}, lambda m, i: {"output": m(i["x"], mask=causal(6))},
                  {"src_mask": causal(6)}))

json.dump({"format": "layer-oracle/1", "generator": {"torch": torch.__version__, "seed": 2026, "dtype": "float64",
                                                     "script": "make_transformer_cases.py"},
           "loss": "sum over outputs k of sum(output_k * loss_weights_k)",
           "default_tolerance": {"rtol": 1e-9, "atol": 1e-11}, "case_count": len(cases), "cases": cases},
          sys.stdout)
sys.stdout.write("\n")
