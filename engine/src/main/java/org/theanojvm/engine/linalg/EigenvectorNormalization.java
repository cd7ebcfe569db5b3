package org.theanojvm.engine.linalg;

/**
 * Eigenvectors of a general real matrix as Theano 1.0's Eig returns them: numpy.linalg.eig gives
 * complex unit vectors with their largest component real (geev's normalisation) and Theano casts
 * them to the input's real dtype, keeping the real parts. Both backends store a complex pair's
 * eigenvector as two columns (real part, imaginary part), the first for the eigenvalue with positive
 * imaginary part; the conjugate eigenvalue's vector has the same real part.
 */
public final class EigenvectorNormalization {
    private EigenvectorNormalization() {}

    /** v (n x n, row-major, columns as described) turned in place into the real parts of unit eigenvectors. */
    public static double[] realPartsLikeGeev(int n, double[] wi, double[] v) {
        for (int j = 0; j < n; j++) {
            if (wi[j] == 0 || j + 1 >= n) {
                double norm = 0;
                for (int i = 0; i < n; i++) norm += v[i * n + j] * v[i * n + j];
                norm = Math.sqrt(norm);
                if (norm > 0) for (int i = 0; i < n; i++) v[i * n + j] /= norm;
                continue;
            }
            // complex pair (j, j+1): z = re + i im, scaled to unit norm and rotated so that its largest
            // component is real
            double norm = 0, best = -1, br = 1, bi = 0;
            for (int i = 0; i < n; i++) {
                double re = v[i * n + j], im = v[i * n + j + 1], mag = re * re + im * im;
                norm += mag;
                if (mag > best) {
                    best = mag;
                    br = re;
                    bi = im;
                }
            }
            // multiply by conj(z_k) / (|z_k| * ||z||), keeping the sign of z_k's real part as geev's rotation
            // (dlartg) does: a vector geev already normalised comes back unchanged
            double scale = Math.sqrt(norm) * Math.sqrt(best) * (br < 0 ? -1 : 1);
            for (int i = 0; i < n; i++) {
                double re = v[i * n + j], im = v[i * n + j + 1];
                double nr = (re * br + im * bi) / scale;
                v[i * n + j] = nr;
                v[i * n + j + 1] = nr;
            }
            j++;
        }
        return v;
    }
}
