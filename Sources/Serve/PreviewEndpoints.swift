import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Service
import ServiceLifecycle

/// The live preview for content teams (`/preview/`, scope `preview`). Pages are built from the
/// project the request took, like every other answer; `/preview/events` tells open pages when
/// the store has reloaded (or failed to), and they reload themselves.
extension Endpoints {
    /// `GET /preview/PATH`: `""` the index, `t/ID/` a template's contact sheet, `t/ID/p/PERM.html`
    /// one permutation's message, `r/ID` (or `r/?id=ID`) one sample recipient.
    func preview(_ path: String, project: Project?) async throws -> Response {
        let status = state.store.status
        guard let project else { return Self.page(PreviewPages.notLoaded(status), status: .serviceUnavailable) }
        let now = try previewClock()
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch parts.first ?? "" {
        case "" where parts.count <= 1:
            return Self.page(PreviewPages.index(project, status, findings: project.lintFindings(now: now)))
        case "t" where parts.count >= 2 && !parts[1].isEmpty:
            let template = parts[1]
            if parts.count == 2 { return Self.redirect("/preview/t/\(PreviewPages.escapePath(template))/") }
            let sheet = try await Self.offThread { try project.contactSheet(template: template, now: now) }
            if parts.count == 3 && parts[2].isEmpty {
                return Self.page(PreviewPages.contactSheet(sheet, project, status, findings: project.lintFindings(now: now)))
            }
            if parts.count == 4 && parts[2] == "p" && parts[3].hasSuffix(".html"), let html = sheet.permutationHTML(String(parts[3].dropLast(5))) {
                return Self.page(html)
            }
        case "r" where parts.count == 2:
            let id = parts[1].isEmpty ? (query["id"] ?? "") : parts[1]
            guard !id.isEmpty else { throw Problem(.badRequest, "parameter.id", "expected a sample recipient id: /preview/r/ID", location: "id") }
            let line = try project.sampleRecipient(id: id)
            let options = RenderOptions(template: query["template"].flatMap { $0.isEmpty ? nil : $0 }, now: now)
            let outcome = try project.render(recipient: line, options)
            let explanation = try project.explain(recipient: line, options)
            return Self.page(
                PreviewPages.recipient(
                    id: id, outcome: outcome, explanation: explanation, project, status,
                    findings: project.lintFindings(now: now)))
        default: break
        }
        throw Problem(.notFound, "preview.unknown", "no preview page /preview/\(path) (see /preview/)")
    }

    /// `now=` pins the preview's clock, as `tessera preview --now`; otherwise the current second.
    func previewClock() throws(ServiceError) -> Date {
        try RenderOptions.parse(template: nil, now: query["now"], slots: nil).now
            ?? Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    }

    /// `GET /preview/events`: server-sent events. An `event: project` with the server's stamp
    /// now and after every reload (or failed reload); a comment every 15 s keeps proxies from
    /// closing the stream. It ends when the server shuts down.
    func previewEvents() -> Response {
        let hub = state.preview
        let store = state.store
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-store"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                try await withGracefulShutdownHandler {
                    var seen = hub.current
                    try await writer.write(ByteBuffer(string: PreviewHub.event(store.status)))
                    while !hub.isClosed && !Task.isCancelled {
                        let next = await hub.wait(after: seen, timeout: 15)
                        if hub.isClosed { break }
                        if next == seen {
                            try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                        } else {
                            seen = next
                            try await writer.write(ByteBuffer(string: PreviewHub.event(store.status)))
                        }
                    }
                    try await writer.finish(nil)
                } onGracefulShutdown: {
                    hub.close()
                }
            })
    }

    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        var response = TesseraResponder.text(html, type: "text/html; charset=utf-8", status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    static func redirect(_ location: String) -> Response {
        var response = TesseraResponder.text("", type: "text/plain", status: .permanentRedirect)
        response.headers[.location] = location
        return response
    }

    /// Runs a long build (a contact sheet: seconds for a large template) on a thread of its own,
    /// not on the threads that answer requests.
    static func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
