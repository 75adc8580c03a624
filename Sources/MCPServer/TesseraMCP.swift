import Foundation
import MCP
import Service

/// The Tessera MCP server: tools, resources and prompts over `Service`, on the official SDK's
/// `Server`. One `Server` serves one client connection (stdio, or one Streamable HTTP session);
/// all of them read the same `ProjectProvider`, so a reload is seen by every session.
package enum TesseraMCP {
    package static let version = "0.1.0"

    static let instructions = """
        Tessera serves a brand's context: approved claims with their markets, channels, validity and disclaimers (search_claims, get_claim), guidelines (brand_guidelines), voice rules (voice_rules), templates and blocks (list_templates, list_blocks), and checks for drafts (lint_copy, check_claims). Before writing copy, read brand_guidelines and search_claims; after writing, call lint_copy and check_claims until there are no errors. Answers are deterministic and offline.
        """

    /// A server with every handler registered, not yet started on a transport.
    package static func makeServer(provider: ProjectProvider, limits: MCPLimits = MCPLimits()) async -> Server {
        let server = Server(
            name: "tessera", version: version, title: "Tessera brand context", instructions: instructions,
            capabilities: .init(
                prompts: .init(listChanged: false), resources: .init(subscribe: false, listChanged: false),
                tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: TesseraTools.all.map(\.tool))
        }
        await server.withMethodHandler(CallTool.self) { params in
            await callTool(params, provider: provider, limits: limits)
        }
        await server.withMethodHandler(ListResources.self) { _ in
            ListResources.Result(resources: TesseraResources.list(try await provider.projectResult().orMCPError()))
        }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in
            ListResourceTemplates.Result(templates: TesseraResources.templates)
        }
        await server.withMethodHandler(ReadResource.self) { params in
            let project = try await provider.projectResult().orMCPError()
            let text = try Result { () throws(ServiceError) in try TesseraResources.read(params.uri, project) }.orMCPError()
            return ReadResource.Result(contents: [.text(text, uri: params.uri, mimeType: "application/json")])
        }
        await server.withMethodHandler(ListPrompts.self) { _ in
            ListPrompts.Result(prompts: TesseraPrompts.list)
        }
        await server.withMethodHandler(GetPrompt.self) { params in
            let project = try await provider.projectResult().orMCPError()
            return try Result { () throws(ServiceError) in try TesseraPrompts.get(params.name, params.arguments ?? [:], project, limits: limits) }
                .orMCPError()
        }
        return server
    }

    /// Runs one tool. Every mistake of the caller is a tool error (`isError: true`) whose text
    /// names the argument and what was expected, so an agent can correct its call.
    static func callTool(_ params: CallTool.Parameters, provider: ProjectProvider, limits: MCPLimits) async -> CallTool.Result {
        guard let tool = TesseraTools.byName[params.name] else {
            return failure(
                ServiceError(
                    .notFound, "tool.unknown", "no tool '\(params.name)'; tools: \(TesseraTools.all.map(\.tool.name).joined(separator: ", "))",
                    location: "name"))
        }
        do throws(ServiceError) {
            let project = try await provider.project()
            let arguments = try ToolArguments(params.arguments, allowed: tool.arguments, limits: limits)
            let answer = try tool.run(project, arguments)
            return CallTool.Result(
                content: [.text(text: answer.text, annotations: nil, _meta: nil)], structuredContent: Optional(answer.structured), isError: false)
        } catch {
            return failure(error)
        }
    }

    static func failure(_ e: ServiceError) -> CallTool.Result {
        CallTool.Result(content: [.text(text: e.description, annotations: nil, _meta: nil)], isError: true)
    }
}

extension Result where Failure == ServiceError {
    /// A protocol-level error (resources, prompts): invalid params for the caller's mistakes.
    func orMCPError() throws(MCPError) -> Success {
        switch self {
        case .success(let v): return v
        case .failure(let e):
            throw e.kind == .unavailable ? MCPError.internalError(e.description) : MCPError.invalidParams(e.description)
        }
    }
}

extension ProjectProvider {
    func projectResult() async -> Result<Project, ServiceError> {
        do { return .success(try await project()) } catch { return .failure(error) }
    }
}
