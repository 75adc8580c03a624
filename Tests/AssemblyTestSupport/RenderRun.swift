import Assembly
import Foundation

/// Streams NDJSON recipients through an `Assembler`: one output per input line, in input order,
/// written in batches into one reused buffer. Memory stays flat in the number of recipients.
/// The sequential reference the tests compare Pipeline's parallel run with, and AssemblyBench's
/// loop; `tessera render` runs Pipeline.
public struct RenderRun {
    public var assembler: Assembler
    public var batchBytes = 1 << 20
    public init(assembler: Assembler) { self.assembler = assembler }

    public struct Counts: Sendable {
        public var rendered = 0, suppressed = 0, held = 0, rejected = 0
        public var total: Int { rendered + suppressed + held + rejected }
        public mutating func add(_ s: RecipientStatus) {
            switch s {
            case .rendered: rendered += 1
            case .suppressed: suppressed += 1
            case .held: held += 1
            case .rejected: rejected += 1
            }
        }
    }

    /// Reads lines from `input`, hands each result to `emit` (which may write into the batch
    /// buffer), and calls `flush` with the buffer whenever it grows past `batchBytes` and at the end.
    public func run(
        input: FileHandle, emit: (RenderedRecipient, inout [UInt8]) -> Void,
        flush: ([UInt8]) -> Void, progress: ((Counts) -> Void)? = nil
    ) -> Counts {
        var counts = Counts()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(batchBytes + (256 << 10))
        var pending: [UInt8] = []
        var lineNumber = 0
        func handle(_ line: ArraySlice<UInt8>) {
            lineNumber += 1
            var l = line
            if l.last == 0x0D { l = l.dropLast() }
            let r = assembler.render(line: l, number: lineNumber)
            counts.add(r.status)
            emit(r, &buffer)
            if buffer.count >= batchBytes { flush(buffer); buffer.removeAll(keepingCapacity: true) }
            if let progress, lineNumber % 10_000 == 0 { progress(counts) }
        }
        while true {
            let chunk = input.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            pending.append(contentsOf: chunk)
            var start = pending.startIndex
            while let nl = pending[start...].firstIndex(of: 0x0A) {
                handle(pending[start..<nl])
                start = nl + 1
            }
            pending.removeSubrange(..<start)
        }
        if !pending.isEmpty { handle(pending[...]) }
        if !buffer.isEmpty { flush(buffer) }
        return counts
    }
}
