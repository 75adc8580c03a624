import Foundation

/// The OpenAPI 3.1 document, served at `GET /openapi.yaml`: one file,
/// `Sources/Serve/Resources/openapi.yaml` (a resource of this target; `openapi.yaml` at the
/// repository root links to it).
enum OpenAPIDocument {
    /// Read once; nil when the resource bundle was installed without it (`/openapi.yaml` then
    /// answers 503 and says so, the rest of the server is unaffected).
    static let bytes: [UInt8]? = Bundle.module.url(forResource: "openapi", withExtension: "yaml")
        .flatMap { try? Data(contentsOf: $0) }.map { [UInt8]($0) }
}
