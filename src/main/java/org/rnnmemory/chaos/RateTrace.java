package org.rnnmemory.chaos;

/**
 * Firing rates r = tanh(h) of a few units from t = 0.
 *
 * @param timeTau time of each sample, in tau ([T])
 * @param rates rates per unit and sample ([units][T]); unit u is unit u of the network
 */
public record RateTrace(double[] timeTau, double[][] rates) {
    static RateTrace empty() {
        return new RateTrace(new double[0], new double[0][0]);
    }

    public int units() {
        return rates.length;
    }
}
