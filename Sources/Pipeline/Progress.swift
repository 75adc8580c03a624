import BrandContext
import Foundation

/// How progress is shown on standard error.
package enum ProgressMode: Sendable {
    case off
    /// A one-line bar redrawn in place, with rate and (when the input size is known) ETA.
    case terminal
    /// `progress {json}` lines, for logs and supervisors.
    case lines

    /// `terminal` when standard error is a terminal, else `lines`.
    package static var automatic: ProgressMode { isatty(2) != 0 ? .terminal : .lines }
}

/// Prints progress at most every `interval` seconds (writer thread only).
final class ProgressReporter {
    let mode: ProgressMode
    let interval: Double
    let inputSize: Int?
    /// Bytes already read when this process started rendering (a resume skips a prefix fast).
    let startBytes: Int
    let started = Date()
    private var last = Date.distantPast
    private var drewBar = false

    init(mode: ProgressMode, interval: Double, inputSize: Int?, startBytes: Int = 0) {
        self.startBytes = startBytes
        self.mode = mode
        self.interval = interval
        self.inputSize = inputSize
    }

    /// `lines`: input lines handled in this process (a resumed run counts from its restart).
    func update(lines: Int, counts: StatusCounts, bytesRead: Int) {
        guard mode != .off else { return }
        let t = Date()
        guard t.timeIntervalSince(last) >= interval else { return }
        last = t
        let elapsed = max(t.timeIntervalSince(started), 1e-6)
        let rate = Double(lines) / elapsed
        var eta: Double?
        if let size = inputSize, size > 0, bytesRead > startBytes {
            eta = Double(max(size - bytesRead, 0)) / (Double(bytesRead - startBytes) / elapsed)
        }
        switch mode {
        case .off: return
        case .lines:
            let etaText = eta.map { String(format: "%.1f", $0) } ?? "null"
            let size = inputSize.map(String.init) ?? "null"
            emit(
                "progress {\"lines\":\(lines),\"records\":\(counts.records),\"rendered\":\(counts.rendered),\"suppressed\":\(counts.suppressed),\"held\":\(counts.held),\"rejected\":\(counts.rejected),\"skipped\":\(counts.skipped),\"bytes_read\":\(bytesRead),\"input_bytes\":\(size),\"elapsed\":\(String(format: "%.2f", elapsed)),\"rate\":\(Int(rate)),\"eta\":\(etaText),\"rss_mb\":\(Self.residentMB().map { String(format: "%.1f", $0) } ?? "null")}\n"
            )
        case .terminal:
            var bar = ""
            if let size = inputSize, size > 0 {
                let f = min(1, Double(bytesRead) / Double(size))
                let filled = Int(f * 24)
                bar =
                    "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: 24 - filled) + "] "
                    + String(format: "%3d%% ", Int(f * 100))
            }
            let etaText = eta.map { "  ETA " + Self.clock($0) } ?? ""
            emit("\r\u{1B}[K\(bar)\(Plural.of(lines, "recipient"))  \(Int(rate))/s  \(counts.rendered) rendered\(etaText)")
            drewBar = true
        }
    }

    /// Ends the bar's line before the summary.
    func finish() {
        if drewBar { emit("\r\u{1B}[K") }
    }

    /// Resident memory from /proc/self/status (Linux); nil elsewhere.
    static func residentMB() -> Double? {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kb = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return nil }
        return kb / 1024
    }

    static func clock(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 3600 ? String(format: "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String(format: "%d:%02d", t / 60, t % 60)
    }

    func emit(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}
