"""Reference values for ActivationOpsTest and ErrorFunctionTest.

Values, first and second derivatives are computed with mpmath at 700 significant digits (enough for every
cancellation at these points) from the formulas PyTorch documents, then rounded to the nearest double; each is
also checked against PyTorch (float64 autograd, create_graph for the second derivative) so that the formulas
are PyTorch's. Run with a Python that has mpmath and torch (checked with torch 1.13 from Debian's
python3-torch):

    python3 activation_values.py

and paste the printed Java arrays into the tests. The tests do not need Python.
"""
import math

import mpmath as mp
import torch
import torch.nn.functional as F

mp.mp.dps = 700   # 1 + tanh(u) at u = −301 (geluTanh at −20) cancels 260 digits

SELU_ALPHA = mp.mpf('1.6732632423543772848170429916717')
SELU_SCALE = mp.mpf('1.0507009873554804934193349852946')
GELU_TANH_CUBIC = mp.mpf('0.044715')


def sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def softplus(beta):
    return (lambda x: mp.log1p(mp.exp(beta * x)) / beta,
            lambda x: sigmoid(beta * x),
            lambda t: F.softplus(t, beta=float(beta), threshold=1e300))


def elu(alpha):
    return (lambda x: x if x > 0 else alpha * mp.expm1(x),
            lambda x: 1 if x > 0 else alpha * mp.exp(x),
            lambda t: F.elu(t, alpha=float(alpha)))


def leaky_relu(slope):
    return (lambda x: x if x > 0 else slope * x,
            lambda x: 1 if x > 0 else slope,
            lambda t: F.leaky_relu(t, negative_slope=float(slope)),
            lambda x: 0)


def hard_tanh(lo, hi):
    return (lambda x: min(max(x, lo), hi),
            lambda x: 1 if lo < x < hi else 0,
            lambda t: F.hardtanh(t, float(lo), float(hi)),
            lambda x: 0)                                  # also on the bounds, where PyTorch's is 0 too


def gelu_tanh_u(x):
    return mp.sqrt(2 / mp.pi) * (x + GELU_TANH_CUBIC * x ** 3)


def mish_derivative(x):
    t = mp.tanh(mp.log1p(mp.exp(x)))
    return t + x * sigmoid(x) * (1 - t * t)


OPS = {
    'sin': (mp.sin, mp.cos, torch.sin),
    'cos': (mp.cos, lambda x: -mp.sin(x), torch.cos),
    'expm1': (mp.expm1, mp.exp, torch.expm1),
    'erf': (mp.erf, lambda x: 2 / mp.sqrt(mp.pi) * mp.exp(-x * x), torch.erf),
    'erfc': (mp.erfc, lambda x: -2 / mp.sqrt(mp.pi) * mp.exp(-x * x), torch.erfc),
    'softplus()': softplus(mp.mpf(1)),
    'softplus(2.5)': softplus(mp.mpf('2.5')),
    'elu()': elu(mp.mpf(1)),
    'elu(0.7)': elu(mp.mpf('0.7')),
    'selu': (lambda x: SELU_SCALE * (x if x > 0 else SELU_ALPHA * mp.expm1(x)),
             lambda x: SELU_SCALE * (1 if x > 0 else SELU_ALPHA * mp.exp(x)), torch.selu),
    'leakyRelu()': leaky_relu(mp.mpf('0.01')),
    'leakyRelu(0.2)': leaky_relu(mp.mpf('0.2')),
    'gelu': (lambda x: x * mp.ncdf(x), lambda x: mp.ncdf(x) + x * mp.npdf(x), lambda t: F.gelu(t)),
    'geluTanh': (lambda x: x / 2 * (1 + mp.tanh(gelu_tanh_u(x))),
                 lambda x: (1 + mp.tanh(gelu_tanh_u(x))) / 2 + x / 2 * mp.sech(gelu_tanh_u(x)) ** 2
                 * mp.sqrt(2 / mp.pi) * (1 + 3 * GELU_TANH_CUBIC * x * x),
                 lambda t: F.gelu(t, approximate='tanh')),
    'silu': (lambda x: x * sigmoid(x), lambda x: sigmoid(x) * (1 + x * (1 - sigmoid(x))), F.silu),
    'mish': (lambda x: x * mp.tanh(mp.log1p(mp.exp(x))), mish_derivative, F.mish),
    'softsign': (lambda x: x / (1 + abs(x)), lambda x: 1 / (1 + abs(x)) ** 2, F.softsign),
    'hardTanh()': hard_tanh(-1, 1),
    'hardTanh(-0.5, 2)': hard_tanh(mp.mpf('-0.5'), 2),
}

POINTS = [-20.0, -5.0, -2.0, -1.0, -0.5, -1e-6, 1e-6, 0.5, 1.0, 2.0, 5.0, 20.0]
LOG1P_POINTS = [-0.9, -0.5, -1e-6, 1e-12, 1e-6, 0.5, 1.0, 2.0, 5.0, 20.0, 1e10]
OPS['log1p'] = (mp.log1p, lambda x: 1 / (1 + x), torch.log1p)


def check_against_torch(name, xs, ys, dys, d2ys, torch_fn):
    t = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    y = torch_fn(t)
    (dy,) = torch.autograd.grad(y.sum(), t, create_graph=True)
    d2y = torch.autograd.grad(dy.sum(), t)[0] if dy.requires_grad else torch.zeros_like(t)
    for x, want, got in zip(xs * 2, ys + dys, y.tolist() + dy.tolist()):
        assert abs(got - want) <= 1e-15 + 1e-12 * abs(want), (name, x, want, got)
    for x, want, got in zip(xs, d2ys, d2y.tolist()):   # torch's double backward cancels, e.g. silu'' at 20
        assert abs(got - want) <= 1e-13 + 1e-9 * abs(want), (name, x, want, got)


def java(values):
    return '{' + ', '.join(repr(v) for v in values) + '}'


ERF_POINTS = ([round(-6.0 + 0.3 * i, 12) for i in range(41)]
              + [5e-324, 1e-310, 1e-300, 1e-20, 2.0 ** -28, 1e-8, 0.84375, 1.25, 1 / 0.35, 5.9, 6.5, 10.0, 26.5,
                 27.9, 1e10, -1e-300, -1e-8, -0.84375, -1.25, -1 / 0.35, -10.0, -27.9])


def print_erf():
    xs = ERF_POINTS
    erf = [float(mp.erf(mp.mpf(x))) for x in xs]
    erfc = [float(mp.erfc(mp.mpf(x))) for x in xs]
    t = torch.tensor(xs, dtype=torch.float64)
    for x, want, got in zip(xs + xs, erf + erfc, torch.erf(t).tolist() + torch.erfc(t).tolist()):
        assert abs(got - want) <= 1e-300 + 1e-14 * abs(want), (x, want, got)
    print(f'erf and erfc at\n  x    {java(xs)}\n  erf  {java(erf)}\n  erfc {java(erfc)}')


def main():
    print_erf()
    print('// x = ' + java(POINTS) + '; log1p: x = ' + java(LOG1P_POINTS))
    for name, (f, df, torch_fn, *d2f) in OPS.items():
        xs = LOG1P_POINTS if name == 'log1p' else POINTS
        ys = [float(f(mp.mpf(x))) for x in xs]
        dys = [float(df(mp.mpf(x))) for x in xs]
        d2ys = [float(d2f[0](x) if d2f else mp.diff(df, mp.mpf(x))) for x in xs]
        assert all(map(math.isfinite, ys + dys + d2ys)), name
        check_against_torch(name, xs, ys, dys, d2ys, torch_fn)
        print(f'{name}\n  y   {java(ys)}\n  dy  {java(dys)}\n  d2y {java(d2ys)}')


if __name__ == '__main__':
    main()
