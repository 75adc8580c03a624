import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Service

extension Endpoints {
    func preview(_ path: String, project: Project) async throws -> Response {
        throw Problem(.notFound, "preview.unknown", "no preview page '\(path)'")
    }

    func previewEvents() -> Response {
        TesseraResponder.text("", type: "text/event-stream")
    }
}
