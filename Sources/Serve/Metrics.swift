import Foundation

/// Counters and latency histograms for `GET /metrics` (Prometheus text format 0.0.4).
final class Metrics: @unchecked Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct RouteStatus: Hashable {
        var route: String
        var status: Int
    }
    private struct Histogram {
        var counts = [Int](repeating: 0, count: Metrics.buckets.count)
        var sum = 0.0
        var total = 0

        mutating func record(_ seconds: Double, bucket: Int?) {
            if let bucket { counts[bucket] += 1 }
            sum += seconds
            total += 1
        }
    }

    private let lock = NSLock()
    private var requests: [RouteStatus: Int] = [:]
    private var latency: [String: Histogram] = [:]
    private var renders: [String: Int] = [:]

    func request(route: String, status: Int, seconds: Double) {
        let bucket = Self.buckets.firstIndex { seconds <= $0 }
        lock.lock()
        defer { lock.unlock() }
        requests[RouteStatus(route: route, status: status), default: 0] += 1
        // In place: taking the histogram out and putting it back would copy its counts each time.
        latency[route, default: Histogram()].record(seconds, bucket: bucket)
    }

    /// A recipient rendered (by `POST /v1/render`), by its status.
    func render(status: String) {
        lock.lock()
        renders[status, default: 0] += 1
        lock.unlock()
    }

    func text(reloads: Int, failedReloads: Int, inFlight: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        var out = "# HELP tessera_http_requests_total HTTP requests by route and status.\n# TYPE tessera_http_requests_total counter\n"
        for (k, v) in requests.sorted(by: { ($0.key.route, $0.key.status) < ($1.key.route, $1.key.status) }) {
            out += "tessera_http_requests_total{route=\"\(k.route)\",status=\"\(k.status)\"} \(v)\n"
        }
        out += "# HELP tessera_http_request_duration_seconds Request latency by route.\n# TYPE tessera_http_request_duration_seconds histogram\n"
        for (route, h) in latency.sorted(by: { $0.key < $1.key }) {
            var cumulative = 0
            for (i, bound) in Self.buckets.enumerated() {
                cumulative += h.counts[i]
                out += "tessera_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "tessera_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"+Inf\"} \(h.total)\n"
            out += "tessera_http_request_duration_seconds_sum{route=\"\(route)\"} \(h.sum)\n"
            out += "tessera_http_request_duration_seconds_count{route=\"\(route)\"} \(h.total)\n"
        }
        out += "# HELP tessera_renders_total Recipients rendered by POST /v1/render, by status.\n# TYPE tessera_renders_total counter\n"
        for (status, v) in renders.sorted(by: { $0.key < $1.key }) { out += "tessera_renders_total{status=\"\(status)\"} \(v)\n" }
        out += "# HELP tessera_reloads_total Project reloads swapped in.\n# TYPE tessera_reloads_total counter\ntessera_reloads_total \(reloads)\n"
        out +=
            "# HELP tessera_reloads_failed_total Reloads that did not compile (the last good project kept serving).\n# TYPE tessera_reloads_failed_total counter\ntessera_reloads_failed_total \(failedReloads)\n"
        out +=
            "# HELP tessera_http_requests_in_flight Requests being handled.\n# TYPE tessera_http_requests_in_flight gauge\ntessera_http_requests_in_flight \(inFlight)\n"
        return out
    }
}
