/**
 * Recurrent layers, PyTorch's {@code nn/modules/rnn.py}: the stacked, optionally bidirectional layers
 * {@link dev.chainrule.nn.recurrent.RNN}, {@link dev.chainrule.nn.recurrent.LSTM} and
 * {@link dev.chainrule.nn.recurrent.GRU} (optional arguments in {@link dev.chainrule.nn.recurrent.RNNBase.Options}),
 * and the one-step cells {@link dev.chainrule.nn.recurrent.RNNCell}, {@link dev.chainrule.nn.recurrent.LSTMCell} and
 * {@link dev.chainrule.nn.recurrent.GRUCell}, with PyTorch's arguments, defaults, gate orders, parameter layouts,
 * {@code state_dict} names and initialisation.
 *
 * <p>{@code forward(Tensor)} returns the output sequence (a cell: the next hidden state), so a layer fits in a
 * {@code Sequential}; the typed overloads take initial states and return small records with the final ones:
 * {@link dev.chainrule.nn.recurrent.RNN.Output}, {@link dev.chainrule.nn.recurrent.GRU.Output},
 * {@link dev.chainrule.nn.recurrent.LSTM.Output} with its {@link dev.chainrule.nn.recurrent.LSTM.State}.
 */
package dev.chainrule.nn.recurrent;
