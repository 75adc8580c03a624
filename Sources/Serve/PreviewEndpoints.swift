import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Service

extension Endpoints {
    func preview(_ path: String, project: Project) async throws -> Response {
        throw Problem(.notFound, "preview.unbuilt", "the live preview is not built yet (docs/serve.md); use tessera preview")
    }

    func previewEvents() -> Response {
        TesseraResponder.text("", type: "text/event-stream")
    }
}
