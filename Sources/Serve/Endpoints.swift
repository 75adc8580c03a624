import BrandContext
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Policy
import Service

/// The endpoints that read a body or parameters: each reads its input, calls one `Service`
/// operation and writes its answer.
struct Endpoints {
    let state: ServerState
    let request: Request

    var query: Query { Query(request.uri.query) }

    func accepts(_ type: String) -> Bool {
        (request.headers.value(.accept) ?? "").lowercased().contains(type)
    }

    /// The whole body, up to `limit` bytes (413 past it, before reading when Content-Length says so).
    func body(limit: Int, flag: String) async throws -> ByteBuffer {
        if let declared = request.headers.value(.contentLength).flatMap(Int.init), declared > limit { throw Problem.tooLarge(limit, flag: flag) }
        var collected: ByteBuffer?
        for try await chunk in request.body {
            guard (collected?.readableBytes ?? 0) + chunk.readableBytes <= limit else { throw Problem.tooLarge(limit, flag: flag) }
            guard collected != nil else {
                // Most bodies come in one chunk: kept as it is, not copied into a new buffer.
                collected = chunk
                continue
            }
            var chunk = chunk
            collected!.writeBuffer(&chunk)
        }
        return collected ?? ByteBuffer()
    }

    func renderOptions() throws(ServiceError) -> RenderOptions {
        let q = query
        return try RenderOptions.parse(template: q["template"], now: q["now"], slots: q["slots"])
    }

    /// `POST /v1/render`: the CLI's record; the HTML alone on `Accept: text/html`; slot fragments with `slots=`.
    func render(_ project: Project) async throws -> Response {
        let options = try renderOptions()
        let body = try await body(limit: state.limits.bodyBytes, flag: "--max-body-bytes")
        let outcome = try project.render(recipient: body.readableBytesView, options)
        state.metrics.render(status: outcome.status)
        if options.slots != nil {
            return TesseraResponder.json(outcome.slotsJSON)
        }
        if accepts("text/html") && !accepts("application/json") {
            var response = TesseraResponder.text(outcome.html, type: "text/html; charset=utf-8")
            response.headers[.tesseraStatus] = outcome.status
            return response
        }
        var response = TesseraResponder.bytes(ByteBuffer(bytes: outcome.record), type: "application/json")
        response.headers[.tesseraStatus] = outcome.status
        return response
    }

    /// `POST /v1/render/batch`: NDJSON in, the CLI's NDJSON out, streamed both ways.
    func renderBatch(_ project: Project) async throws -> Response {
        let options = try renderOptions()
        let limit = state.limits.batchBytes
        if let declared = request.headers.value(.contentLength).flatMap(Int.init), declared > limit {
            throw Problem.tooLarge(limit, flag: "--max-batch-bytes")
        }
        let batch = try BatchRender(project: project, options: options, maxRecordBytes: state.limits.recordBytes)
        let requestBody = request.body
        var headers = HTTPFields()
        headers[.contentType] = "application/x-ndjson"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                defer { batch.cancel() }
                let feeding = Task {
                    var total = 0
                    for try await chunk in requestBody {
                        total += chunk.readableBytes
                        // Past the limit the stream is cut: the client sees the connection end early.
                        guard total <= limit else { throw Problem.tooLarge(limit, flag: "--max-batch-bytes") }
                        try await batch.write(Array(chunk.readableBytesView))
                    }
                    await batch.finishInput()
                }
                while let chunk = await batch.read() {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await feeding.value
                if let failure = batch.pipelineFailure { throw ServiceError(.unavailable, "batch.failed", failure) }
                try await writer.finish(nil)
            })
    }

    /// `POST /v1/explain`: `tessera explain` for the body's recipient (JSON, or the text on `Accept: text/plain`).
    func explain(_ project: Project) async throws -> Response {
        let options = try renderOptions()
        let body = try await body(limit: state.limits.bodyBytes, flag: "--max-body-bytes")
        let text = try project.explain(recipient: body.readableBytesView, options)
        if accepts("text/plain") && !accepts("application/json") { return TesseraResponder.text(text, type: "text/plain; charset=utf-8") }
        let id = text.split(separator: "\n").first.map { String($0.dropFirst("recipient ".count).prefix { $0 != " " }) } ?? ""
        return TesseraResponder.json(JSONText.render(.object([("id", .string(id)), ("explanation", .string(text))])) + "\n")
    }

    /// `GET /v1/claims`: `tessera claims --format json` with the same parameters.
    func claims(_ project: Project) throws -> Response {
        let q = query
        let p = try ClaimsParameters.parse(
            search: q["search"], market: q["market"], channel: q["channel"], locale: q["locale"], product: q["product"], on: q["on"])
        return TesseraResponder.json(ClaimsJSON.render(try project.claims(p)))
    }

    /// `POST /v1/lint` with `{"path", "source"}`: lint JSON, or SARIF on `Accept: application/sarif+json`.
    func lint(_ project: Project) async throws -> Response {
        let body = try await body(limit: state.limits.bodyBytes, flag: "--max-body-bytes")
        let object: [String: Any]
        do {
            guard let o = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
                throw Problem(.badRequest, "lint.body", "expected a JSON object {\"path\": \"blocks/new.mjml\", \"source\": \"…\"}", location: "body")
            }
            object = o
        } catch let p as Problem {
            throw p
        } catch {
            throw Problem(
                .badRequest, "lint.body", "the body is not valid JSON: expected {\"path\": \"blocks/new.mjml\", \"source\": \"…\"}", location: "body")
        }
        guard let path = object["path"] as? String else { throw Problem(.badRequest, "lint.body", "expected a string \"path\"", location: "path") }
        guard let source = object["source"] as? String else {
            throw Problem(.badRequest, "lint.body", "expected a string \"source\"", location: "source")
        }
        var day: CalendarDate?
        if let now = query["now"], !now.isEmpty {
            guard let d = CalendarDate(String(now.prefix(10))) else {
                throw Problem(.badRequest, "parameter.now", "expected YYYY-MM-DD, found '\(now)'", location: "now")
            }
            day = d
        }
        let sarif = accepts("application/sarif+json")
        let result = try project.lint(ProposedFile(path: path, source: source), format: sarif ? .sarif : .json, now: day)
        return TesseraResponder.text(result.output, type: sarif ? "application/sarif+json" : "application/json")
    }

    /// `GET /readyz`: 200 once a project is loaded (503 before), with its hash, load time and
    /// the errors of the latest reload when it failed.
    func ready() -> Response {
        let s = state.store.status
        let formatter = ISO8601DateFormatter()
        var pairs: [(String, JSONText)] = [("ready", .bool(s.project != nil))]
        if let p = s.project {
            pairs += [
                ("context_hash", .string(p.contextHash)), ("loaded_at", .string(formatter.string(from: p.loadedAt))),
                ("load_seconds", .number(String(format: "%.3f", p.loadSeconds))),
            ]
        }
        pairs += [("errors", .strings(s.errors)), ("reloads", .int(s.counts.reloads)), ("failed_reloads", .int(s.counts.failed))]
        return TesseraResponder.json(JSONText.render(.object(pairs)) + "\n", status: s.project == nil ? .serviceUnavailable : .ok)
    }
}
