import Foundation

/// The special functions the tests need, accurate to a few ulps where the report's parity with
/// gbstats (1e-9 relative) depends on them. Formulas: docs/lift.md "Distributions".
enum Special {
    /// ln Γ(a + ½) − ln Γ(a). Two `lgamma` calls lose digits when a is large (lgamma(5e6) is
    /// ~7e7, so its last ulp is ~1e-8 of the difference); above 20 the Stirling series is used
    /// on the difference itself.
    static func logGammaHalfStep(_ a: Double) -> Double {
        if a < 20 { return lgamma(a + 0.5) - lgamma(a) }
        return a * log1p(0.5 / a) + 0.5 * log(a) - 0.5 + stirlingTail(a + 0.5) - stirlingTail(a)
    }

    /// δ(z) in ln Γ(z) = (z − ½) ln z − z + ½ ln 2π + δ(z), for z ≥ 20 (error below 1e-17).
    static func stirlingTail(_ z: Double) -> Double {
        let r = 1 / z, r2 = r * r
        return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 / 1188))))
    }

    /// I_x(a, ½) for large a (≥ 15) by DiDonato and Morris's asymptotic expansion (BGRAT,
    /// ACM TOMS 708, eq. 9–9.6): with T = a − ¼ and u = −T ln x, a series in incomplete gamma
    /// terms whose first is Q(½, u) = erfc(√u). The continued fraction loses ~a·ε there (its
    /// terms cancel when x is near 1); this keeps ~1e-14 relative for every t and dof.
    static func incompleteBetaHalfLargeA(a: Double, x: Double, y: Double) -> Double {
        let b = 0.5, bm1 = b - 1
        let t = a + bm1 / 2
        let lx = y < 0.35 ? log1p(-y) : log(x)
        let u = -t * lx
        let h = u.squareRoot() * exp(-u) / Double.pi.squareRoot()  // uᵇ e⁻ᵘ / Γ(b)
        if h == 0 { return 0 }
        let prefix = h * exp(logGammaHalfStep(a)) / t.squareRoot()  // h · Γ(a + b) / Γ(a) / Tᵇ
        var j = erfc(u.squareRoot()) / h
        var sum = prefix * j
        var p = [Double](repeating: 0, count: 30)
        p[0] = 1
        let lx2 = (lx / 2) * (lx / 2), t4 = 4 * t * t
        var lxp = 1.0, b2n = b
        for n in 1..<30 {
            var pn = 0.0
            for m in 1..<n {
                pn += (Double(m) * b - Double(n)) * p[n - m] / factorial[2 * m + 1]
            }
            p[n] = pn / Double(n) + bm1 / factorial[2 * n + 1]
            j = (b2n * (b2n + 1) * j + (u + b2n + 1) * lxp) / t4
            lxp *= lx2
            b2n += 2
            let r = prefix * p[n] * j
            sum += r
            if abs(r) < abs(sum) * 1e-17 { break }
        }
        return sum
    }

    /// n! for n < 60, as doubles.
    static let factorial: [Double] = {
        var f = [1.0]
        for n in 1..<60 { f.append(f[n - 1] * Double(n)) }
        return f
    }()

    /// The modified Lentz evaluation of the incomplete beta continued fraction for I_x(a, b)
    /// (converges fast when x < (a + 1) / (a + b + 2)).
    static func betaContinuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300, eps = 1e-16
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        var m = 1.0
        while m < 1_000_000 {
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((a - 1 + m2) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < eps { break }
            m += 1
        }
        return h
    }

    /// Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a).
    static func upperIncompleteGamma(a: Double, x: Double) -> Double {
        if x <= 0 { return 1 }
        let logPrefactor = -x + a * log(x) - lgamma(a)
        if x < a + 1 {
            // Series for P(a, x); Q = 1 − P is not small here, so the subtraction keeps its digits.
            var sum = 1 / a, term = 1 / a, ap = a
            for _ in 0..<100_000 {
                ap += 1
                term *= x / ap
                sum += term
                if abs(term) < abs(sum) * 1e-17 { break }
            }
            return max(0, 1 - sum * exp(logPrefactor))
        }
        // Continued fraction for Q(a, x) (modified Lentz).
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        var i = 1.0
        while i < 100_000 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b; if abs(d) < tiny { d = tiny }
            c = b + an / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-16 { break }
            i += 1
        }
        return exp(logPrefactor) * h
    }

    /// The standard normal quantile (Acklam's rational approximation, then one Halley step on
    /// erfc): a starting point for the Student t quantile, accurate to ~1e-15.
    static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1)
        let a = [
            -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01,
            2.506628277459239e+00,
        ]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [
            -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00,
            2.938163982698783e+00,
        ]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5, r = q * q
            x =
                (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log1p(-p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        return x - u / (1 + x * u / 2)
    }
}
