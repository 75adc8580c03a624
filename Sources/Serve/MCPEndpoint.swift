import Foundation
import HTTPTypes
import Hummingbird
import MCPServer
import NIOCore
import Service

/// `/mcp`: the MCP server (`MCPServer`) over Streamable HTTP, JSON-response mode. A token needs
/// both the `read` scope (checked with the route) and `lint` (checked here): the tools read the
/// brand and check drafts.
extension Endpoints {
    func mcp() async throws -> Response {
        if let tokens = state.tokens, tokens.check(authorization: request.headers[.authorization], scope: .lint) != .allowed {
            throw Problem(.forbidden, "auth.scope", "the token does not have the 'lint' scope /mcp needs (with 'read')")
        }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let body = request.method == .post ? Data(buffer: try await self.body(limit: state.limits.bodyBytes, flag: "--max-body-bytes")) : nil
        let answer = await state.mcp.handle(method: request.method.rawValue, headers: headers, body: body)
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let n = HTTPField.Name(name) { fields[n] = value }
        }
        let status = HTTPResponse.Status(code: answer.statusCode)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(data: answer.bodyData ?? Data())))
    }
}
