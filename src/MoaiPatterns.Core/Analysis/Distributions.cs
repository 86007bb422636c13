using System;

namespace MoaiPatterns.Analysis
{
    /// <summary>The tail probabilities the anomaly detectors decide with.</summary>
    public static class Distributions
    {
        private static readonly double[] Lanczos =
        {
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        };

        /// <summary>ln Γ(x) for x > 0 (Lanczos, g = 7; about 15 significant digits).</summary>
        public static double LogGamma(double x)
        {
            if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
            x -= 1;
            var a = Lanczos[0];
            var t = x + 7.5;
            for (var i = 1; i < 9; i++) a += Lanczos[i] / (x + i);
            return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
        }

        /// <summary>P(X ≥ k) for X ~ Binomial(n, p), summed upward from k so that tiny tails keep their precision.</summary>
        public static double BinomialUpperTail(long k, long n, double p)
        {
            if (k <= 0) return 1;
            if (k > n) return 0;
            if (p <= 0) return 0;
            if (p >= 1) return 1;
            var logTerm = LogGamma(n + 1) - LogGamma(k + 1) - LogGamma(n - k + 1) + k * Math.Log(p) + (n - k) * Math.Log(1 - p);
            var term = Math.Exp(logTerm);
            var sum = 0.0;
            for (var i = k; i <= n; i++)
            {
                sum += term;
                term *= (double)(n - i) / (i + 1) * p / (1 - p);
                if (term < sum * 1e-17) break;
            }
            return Math.Min(1, sum);
        }

        /// <summary>P(X ≥ k) for X ~ Poisson(λ), summed upward from k.</summary>
        public static double PoissonUpperTail(long k, double lambda)
        {
            if (k <= 0) return 1;
            if (lambda <= 0) return 0;
            var term = Math.Exp(-lambda + k * Math.Log(lambda) - LogGamma(k + 1));
            var sum = 0.0;
            for (var i = k; ; i++)
            {
                sum += term;
                term *= lambda / (i + 1);
                if (i > lambda && term < sum * 1e-17) break;
                if (i - k > 100_000) break;
            }
            return Math.Min(1, sum);
        }
    }
}
