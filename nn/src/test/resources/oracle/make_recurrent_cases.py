# Writes recurrent.json beside this script: PyTorch truth (float64) for the recurrent layers and cells, in the
# layer-oracle/1 format of layers.json (see LAYERS.md in the shared oracle folder), for the cases layers.json lacks:
# several layers with initial states, relu, bidirectional layers, time-major and unbatched input, and the cells.
# Usage: /usr/bin/python3 make_recurrent_cases.py   (Debian's torch 1.13; seeded, so a rerun writes the same file)
import json
import os
import torch
import torch.nn as nn

SEED = 20261215
torch.manual_seed(SEED)
torch.set_default_dtype(torch.float64)


def tensor(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.detach().reshape(-1).tolist()]}


def case(name, cls, config, inputs, second_order_of=None):
    """Builds cls(**config), runs it on inputs (name -> tensor), weights every output, records values and gradients;
    with second_order_of, also the gradients of s = sum(d loss/d that input * v)."""
    module = cls(**config)
    module.train()
    state_before = {k: tensor(v) for k, v in module.state_dict().items()}
    leaves = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
    kind = type(module).__name__
    outputs = run(kind, module, leaves)
    weights = {k: torch.randn(v.shape) for k, v in outputs.items()}
    loss = sum((outputs[k] * weights[k]).sum() for k in outputs)
    wrt = list(leaves.items()) + list(module.named_parameters())
    grads = torch.autograd.grad(loss, [t for _, t in wrt], create_graph=second_order_of is not None)
    spec = {"name": name, "kind": kind, "config": config, "args": {}, "mode": "train",
            "inputs": {k: tensor(v) for k, v in inputs.items()}, "state_before": state_before,
            "outputs": {k: tensor(v) for k, v in outputs.items()},
            "loss_weights": {k: tensor(v) for k, v in weights.items()}, "loss": float(loss),
            "grads": {n: tensor(g) for (n, _), g in zip(wrt, grads)}}
    if second_order_of is not None:
        index = [n for n, _ in wrt].index(second_order_of)
        v = torch.randn(grads[index].shape)
        s = (grads[index] * v).sum()
        again = torch.autograd.grad(s, [t for _, t in wrt], allow_unused=True)
        spec["second_order"] = {"of": second_order_of, "v": tensor(v), "value": float(s),
                                "grads": {n: tensor(g if g is not None else torch.zeros(t.shape))
                                          for (n, t), g in zip(wrt, again)}}
    return spec


def run(kind, module, x):
    """The named outputs, in PyTorch's names: output, h_n, c_n for layers; h_n (and c_n) for cells."""
    if kind in ("RNN", "GRU"):
        output, h_n = module(x["x"], x.get("h0"))
        return {"output": output, "h_n": h_n}
    if kind == "LSTM":
        output, (h_n, c_n) = module(x["x"], (x["h0"], x["c0"]) if "h0" in x else None)
        return {"output": output, "h_n": h_n, "c_n": c_n}
    if kind == "LSTMCell":
        h, c = module(x["x"], (x["h0"], x["c0"]) if "h0" in x else None)
        return {"h_n": h, "c_n": c}
    return {"h_n": module(x["x"], x.get("h0"))}


cases = [
    case("lstm_2layer_h0_c0", nn.LSTM, {"input_size": 3, "hidden_size": 4, "num_layers": 2},
         {"x": torch.randn(5, 2, 3), "h0": torch.randn(2, 2, 4), "c0": torch.randn(2, 2, 4)}, second_order_of="h0"),
    case("gru_h0_time_major", nn.GRU, {"input_size": 3, "hidden_size": 5, "batch_first": False},
         {"x": torch.randn(4, 3, 3), "h0": torch.randn(1, 3, 5)}, second_order_of="x"),
    case("rnn_relu_2layer_h0", nn.RNN,
         {"input_size": 3, "hidden_size": 4, "num_layers": 2, "nonlinearity": "relu", "batch_first": True},
         {"x": torch.randn(2, 5, 3), "h0": torch.randn(2, 2, 4)}, second_order_of="x"),
    case("rnn_tanh_bidirectional_no_bias", nn.RNN,
         {"input_size": 3, "hidden_size": 4, "bias": False, "bidirectional": True},
         {"x": torch.randn(4, 2, 3)}),
    case("lstm_bidirectional_2layer", nn.LSTM,
         {"input_size": 3, "hidden_size": 4, "num_layers": 2, "bidirectional": True, "batch_first": True},
         {"x": torch.randn(2, 5, 3), "h0": torch.randn(4, 2, 4), "c0": torch.randn(4, 2, 4)}),
    case("gru_bidirectional", nn.GRU, {"input_size": 2, "hidden_size": 3, "bidirectional": True},
         {"x": torch.randn(6, 2, 2)}, second_order_of="x"),
    case("lstm_unbatched", nn.LSTM, {"input_size": 3, "hidden_size": 4, "batch_first": True},
         {"x": torch.randn(5, 3), "h0": torch.randn(1, 4), "c0": torch.randn(1, 4)}),
    case("gru_unbatched_2layer", nn.GRU, {"input_size": 3, "hidden_size": 4, "num_layers": 2},
         {"x": torch.randn(5, 3)}),
    case("rnn_cell_tanh", nn.RNNCell, {"input_size": 3, "hidden_size": 4},
         {"x": torch.randn(2, 3), "h0": torch.randn(2, 4)}, second_order_of="x"),
    case("rnn_cell_relu_no_bias", nn.RNNCell,
         {"input_size": 3, "hidden_size": 4, "bias": False, "nonlinearity": "relu"},
         {"x": torch.randn(3, 3), "h0": torch.randn(3, 4)}),
    case("lstm_cell", nn.LSTMCell, {"input_size": 3, "hidden_size": 4},
         {"x": torch.randn(2, 3), "h0": torch.randn(2, 4), "c0": torch.randn(2, 4)}, second_order_of="c0"),
    case("lstm_cell_zero_state", nn.LSTMCell, {"input_size": 3, "hidden_size": 4, "bias": False},
         {"x": torch.randn(2, 3)}),
    case("gru_cell", nn.GRUCell, {"input_size": 3, "hidden_size": 4},
         {"x": torch.randn(2, 3), "h0": torch.randn(2, 4)}, second_order_of="h0"),
    case("gru_cell_unbatched", nn.GRUCell, {"input_size": 3, "hidden_size": 4},
         {"x": torch.randn(3)}),
]

header = {"format": "layer-oracle/1", "generator": {"torch": torch.__version__, "seed": SEED, "dtype": "float64"},
          "loss": "sum over outputs k of sum(output_k * loss_weights_k)",
          "default_tolerance": {"rtol": 1e-9, "atol": 1e-11}, "case_count": len(cases)}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "recurrent.json")
with open(path, "w") as out:
    out.write("{\n" + "".join(f"{json.dumps(k)}: {json.dumps(v)},\n" for k, v in header.items()))
    out.write('"cases": [\n' + ",\n".join(json.dumps(c, separators=(",", ":")) for c in cases) + "\n]\n}\n")
print(f"wrote {len(cases)} cases to {path}")
