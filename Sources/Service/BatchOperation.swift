import Assembly
import Foundation
import Pipeline

/// `tessera render` over a stream: NDJSON recipients in, NDJSON records out, in input order,
/// the same bytes as the CLI (it is the CLI's pipeline: malformed, oversized and duplicate lines
/// are `rejected` records with their line numbers, never errors).
///
/// The pipeline reads and writes file descriptors, so a batch runs it on its own threads between
/// two pipes: `write` feeds the input (and waits when the pipeline is behind), `read` takes the
/// output as it comes (and the pipeline waits when the reader is behind), so memory stays bounded
/// by the pipes and the pipeline's window whatever the size of the stream.
package final class BatchRender: @unchecked Sendable {
    private let inputWrite: Int32
    private let outputRead: Int32
    private let feeder = DispatchQueue(label: "tessera.batch.input")
    private let drainer = DispatchQueue(label: "tessera.batch.output")
    private let finished = DispatchGroup()
    private let lock = NSLock()
    private var inputClosed = false
    private var outputClosed = false
    /// Set by the pipeline's thread (which must not hold the batch itself, or an abandoned batch
    /// would never be released).
    private let failure = FailureBox()

    /// Starts the pipeline on the project with `options` (its template and clock).
    package init(project: Project, options: RenderOptions, jobs: Int = 1, maxRecordBytes: Int = 1 << 20) throws(ServiceError) {
        try project.checkTemplate(options.template)
        var input: [Int32] = [0, 0]
        var output: [Int32] = [0, 0]
        guard pipe(&input) == 0 else { throw ServiceError(.unavailable, "batch.pipe", "cannot create a pipe: \(String(cString: strerror(errno)))") }
        guard pipe(&output) == 0 else {
            close(input[0]); close(input[1])
            throw ServiceError(.unavailable, "batch.pipe", "cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        inputWrite = input[1]
        outputRead = output[0]
        var settings = PipelineSettings()
        settings.jobs = max(1, jobs)
        settings.maxRecordBytes = maxRecordBytes
        settings.progress = .off
        let now = options.now ?? ServiceClock.currentSecond()
        let pipeline = RenderPipeline(
            catalog: project.catalog, brand: project.brand, assembly: project.assemblyOptions(template: options.template, now: now),
            emitter: NDJSONEmitter(), settings: settings)
        let (inputRead, outputWrite) = (input[0], output[1])
        finished.enter()
        let (finished, failure) = (finished, failure)
        let thread = Thread {
            defer {
                close(inputRead)
                close(outputWrite)
                finished.leave()
            }
            do {
                // The pipe itself: a path through /dev/fd resolves to no file the pipeline can open.
                let target = try OutputTarget.descriptor(outputWrite)
                defer { target.close() }
                _ = try pipeline.run(input: inputRead, inputSize: nil, output: target, journal: nil)
            } catch {
                failure.set("\(error)")
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    deinit { cancel() }

    /// Stops early (the client went away): the pipeline sees the end of its input and a closed
    /// output, and its threads end.
    package func cancel() {
        closeInput()
        lock.lock()
        defer { lock.unlock() }
        guard !outputClosed else { return }
        outputClosed = true
        close(outputRead)
    }

    /// Waits until the pipeline's threads have ended (tests).
    package func waitUntilDone() { finished.wait() }

    /// Feeds input bytes (any cut: lines may span calls). Waits while the pipeline is behind.
    package func write(_ bytes: [UInt8]) async throws(ServiceError) {
        let ok: Bool = await withCheckedContinuation { done in
            feeder.async { [self] in done.resume(returning: writeAll(bytes)) }
        }
        if !ok { throw ServiceError(.unavailable, "batch.input", "the batch stopped reading its input" + (pipelineFailure.map { ": \($0)" } ?? "")) }
    }

    /// No more input: the pipeline renders what it has and ends its output.
    package func finishInput() async {
        await withCheckedContinuation { done in
            feeder.async { [self] in
                closeInput()
                done.resume()
            }
        }
    }

    /// The next chunk of output, or nil at its end.
    package func read() async -> [UInt8]? {
        await withCheckedContinuation { done in
            drainer.async { [self] in done.resume(returning: readChunk()) }
        }
    }

    /// Why the pipeline stopped early, if it did.
    package var pipelineFailure: String? { failure.get() }

    private func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { p in
            var i = 0
            while i < p.count {
                let n = Foundation.write(inputWrite, p.baseAddress! + i, p.count - i)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                i += n
            }
            return true
        }
    }

    private func readChunk() -> [UInt8]? {
        lock.lock()
        let closed = outputClosed
        lock.unlock()
        if closed { return nil }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { Foundation.read(outputRead, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            buffer.removeSubrange(n...)
            return buffer
        }
    }

    private func closeInput() {
        lock.lock()
        defer { lock.unlock() }
        guard !inputClosed else { return }
        inputClosed = true
        close(inputWrite)
    }
}

/// A message set once by one thread and read by others.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var message: String?
    func set(_ m: String) {
        lock.lock()
        message = m
        lock.unlock()
    }
    func get() -> String? {
        lock.lock()
        defer { lock.unlock() }
        return message
    }
}
