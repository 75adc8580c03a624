// swift-tools-version:6.0
// Tessera: content assembly and brand-context engine.
// Module map and data flow: README.md ("Architecture") and ../shared/DESIGN.md.
import PackageDescription

/// Release builds of Pipeline skip dynamic exclusivity checks: its batch state is per thread.
/// Only for targets outside the library products: SwiftPM refuses unsafe flags in a product another
/// package depends on by version (`scripts/check-by-version`). The library modules mark their hot
/// per-render state `@exclusivity(unchecked)` instead (render contexts, JSON stacks, assembler,
/// selector and permutation caches, claim states), where the checks cost ~1–10% of a render.
let perRecipient: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "Tessera",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tessera", targets: ["tessera"]),
        .library(name: "MJML", targets: ["MJML"]),
        .library(name: "Liquid", targets: ["Liquid"]),
        .library(name: "Voice", targets: ["Voice"]),
        // The located diagnostics BrandContext and Catalog report (`Diagnostic`, `SourceLocation`).
        .library(name: "Diagnostics", targets: ["Diagnostics"]),
        .library(name: "BrandContext", targets: ["BrandContext"]),
        .library(name: "Catalog", targets: ["Catalog"]),
        .library(name: "Assembly", targets: ["Assembly"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        // tessera serve: the HTTP adapter over the Service layer, and its graceful shutdown.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        // tessera mcp and /mcp on tessera serve: the official Model Context Protocol SDK.
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        // --journal postgres://…: a run journal many machines share (PipelinePostgres).
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.27.0"),
    ],
    targets: [
        // libxml2 (HTML parsing for text extraction in Voice and, later, Policy).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),

        // Lower modules: know nothing of brands or customers.
        // The JSON and HTML escapers of every text Tessera writes (one of each).
        .target(name: "TextEscaping"),
        // Located diagnostics (`file:line:col: severity: message`), their collector, did-you-mean
        // hints, and the YAML mapping reader that reports into them: one toolkit for brand files
        // and catalog front matter.
        .target(name: "Diagnostics", dependencies: ["Yams"]),
        .target(name: "MJML"),
        .target(name: "Liquid"),
        .target(name: "Voice", dependencies: ["CLibXML2", "Yams", "TextEscaping"],
                // Voice matches rule regexes with ICU's C API through the toolchain's _FoundationICU
                // (the engine behind NSRegularExpression); elsewhere it falls back to NSRegularExpression.
                linkerSettings: [.linkedLibrary("_FoundationICU", .when(platforms: [.linux]))]),

        // Brand knowledge and what is built on it.
        .target(name: "BrandContext", dependencies: [
            "Yams", "TextEscaping", "Diagnostics",
            // Voice rule regexes are checked with the engine that runs them (`VoiceRegex`).
            "Voice",
            .product(name: "GRDB", package: "GRDB.swift"),
            // `context sql` runs on its own read-only connection with SQLite's authorizer and progress handler.
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // Templates and blocks, compiled once per run; read by Policy (lint) and Assembly (render).
        .target(name: "Catalog", dependencies: ["BrandContext", "Diagnostics", "Liquid", "Yams"]),
        .target(name: "Policy", dependencies: ["BrandContext", "Diagnostics", "Voice", "Liquid", "MJML", "Catalog", "TextEscaping"],
                // caniemail's support table, converted by scripts/convert-caniemail.py, and its licence.
                resources: [.copy("Resources/caniemail.tsv"), .copy("Resources/caniemail-LICENSE")]),
        .target(name: "Assembly", dependencies: ["Catalog", "MJML", "Liquid", "BrandContext"]),
        // Every block permutation a segment can receive, rendered into a static contact sheet.
        .target(name: "Preview", dependencies: ["Assembly", "Policy", "Catalog", "BrandContext", "Liquid", "TextEscaping"]),
        // Randomized comparisons (holdout, content experiments) and their statistics: pure Swift.
        .target(name: "Lift", dependencies: ["TextEscaping"]),
        .target(name: "Pipeline", dependencies: [
            "Assembly", "Catalog", "BrandContext", "Liquid",
            .product(name: "GRDB", package: "GRDB.swift"),
            // The journal's hot insert binds and steps its prepared statement through SQLite's C API.
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ], swiftSettings: perRecipient),
        // The PostgreSQL run journal (`--journal postgres://…`): its own target, so only the CLI
        // links the database client.
        .target(name: "PipelinePostgres", dependencies: [
            "Pipeline", "Assembly", "BrandContext",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Transport-agnostic operations over a loaded project (HTTP, MCP and the LSP adapt it).
        .target(name: "Service", dependencies: ["Assembly", "Policy", "Preview", "Pipeline", "Catalog", "BrandContext", "Diagnostics", "Liquid", "MJML", "Yams", "TextEscaping"]),
        // The Model Context Protocol server (stdio and Streamable HTTP) over Service.
        .target(name: "MCPServer", dependencies: [
            "Service", "Policy", "BrandContext", "TextEscaping",
            .product(name: "MCP", package: "swift-sdk"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // tessera serve: a thin Hummingbird adapter over Service.
        .target(name: "Serve", dependencies: [
            "Service", "MCPServer", "Preview", "Policy", "Catalog", "BrandContext",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
        ], resources: [.copy("Resources/openapi.yaml")]),

        // tessera lsp: the Language Server Protocol over stdio, a thin adapter over Service.
        .target(name: "LanguageServer", dependencies: ["Service", "Policy", "BrandContext", "Catalog"]),

        .executableTarget(name: "tessera", dependencies: [
            "MJML", "Liquid", "Voice", "BrandContext", "Diagnostics", "Catalog", "Policy", "Assembly", "Pipeline", "PipelinePostgres", "Preview", "Lift", "Serve", "MCPServer", "LanguageServer", "TextEscaping",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Benchmarks: release builds, plain timing harnesses (see README "Benchmarks").
        .executableTarget(name: "MJMLBench", dependencies: ["MJML"], path: "Benchmarks/MJMLBench"),
        .executableTarget(name: "LiquidBench", dependencies: ["Liquid"], path: "Benchmarks/LiquidBench"),
        .executableTarget(name: "VoiceBench", dependencies: ["Voice"], path: "Benchmarks/VoiceBench"),
        .executableTarget(name: "AssemblyBench", dependencies: ["Assembly", "AssemblyTestSupport", "Catalog", "BrandContext", "Liquid"], path: "Benchmarks/AssemblyBench"),
        .executableTarget(name: "PolicyBench", dependencies: ["Policy", "Assembly", "Catalog", "BrandContext", "Liquid"], path: "Benchmarks/PolicyBench"),
        .executableTarget(name: "PipelineBench", dependencies: ["Pipeline", "Assembly", "Catalog", "BrandContext", "Policy"], path: "Benchmarks/PipelineBench"),
        .executableTarget(name: "LiftBench", dependencies: ["Pipeline", .product(name: "GRDB", package: "GRDB.swift")], path: "Benchmarks/LiftBench"),
        .executableTarget(name: "ContextBench", dependencies: ["BrandContext"], path: "Benchmarks/ContextBench"),
        .executableTarget(name: "LSPBench", dependencies: ["LanguageServer", "Service", "Policy", "BrandContext"], path: "Benchmarks/LSPBench"),

        // Fuzz targets (libFuzzer): `scripts/fuzz` builds them with --sanitize fuzzer,address and runs
        // them; a plain build makes each a replayer of saved inputs (see Fuzz/FuzzSupport/Replay.swift).
        .target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"),
        .executableTarget(name: "FuzzJSON", dependencies: ["Liquid", "FuzzSupport"], path: "Fuzz/FuzzJSON"),
        .executableTarget(name: "FuzzLiquid", dependencies: ["Liquid", "FuzzSupport"], path: "Fuzz/FuzzLiquid"),
        .executableTarget(name: "FuzzMJML", dependencies: ["MJML", "FuzzSupport"], path: "Fuzz/FuzzMJML"),
        .executableTarget(name: "FuzzVoiceText", dependencies: ["Voice", "FuzzSupport"], path: "Fuzz/FuzzVoiceText"),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // Assembly helpers only tests and benchmarks use: the sequential `RenderRun` (the reference
        // Pipeline's parallel run is compared with) and `skeletonSource` (AssemblyBench's baseline).
        .target(name: "AssemblyTestSupport", dependencies: ["Assembly", "Catalog", "Liquid"], path: "Tests/AssemblyTestSupport"),
        .testTarget(name: "MJMLTests", dependencies: ["MJML", "TestSupport"]),
        .testTarget(name: "LiquidTests", dependencies: ["Liquid", "TestSupport"]),
        .testTarget(name: "VoiceTests", dependencies: ["Voice", "TestSupport"]),
        .testTarget(name: "BrandContextTests", dependencies: ["BrandContext", "Diagnostics", "TestSupport"]),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", "BrandContext", "Diagnostics", "Liquid", "TestSupport"]),
        .testTarget(name: "PolicyTests", dependencies: ["Policy", "Assembly", "Catalog", "BrandContext", "Liquid", "TestSupport"],
                    exclude: ["Fixtures"]),
        // Yams: the tests read action.yml and .pre-commit-hooks.yaml as YAML.
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Assembly", "AssemblyTestSupport", "Catalog", "BrandContext", "TestSupport", "Yams"]),
        // The PostgreSQL journal against a real server (TESSERA_TEST_POSTGRES_URL; fails without
        // one when TESSERA_REQUIRE_POSTGRES=1, as in CI): kill -9 and resume, a server restart
        // mid-run, shards of one run in parallel processes, caps across shards.
        .testTarget(name: "PostgresJournalTests", dependencies: ["PipelinePostgres", "Pipeline", "Assembly", "BrandContext", "TestSupport",
                                                             .product(name: "PostgresNIO", package: "postgres-nio")]),
        .testTarget(name: "AssemblyTests", dependencies: ["Assembly", "AssemblyTestSupport", "Catalog", "BrandContext", "Liquid", "MJML", "TestSupport"]),
        .testTarget(name: "PreviewTests", dependencies: ["Preview", "Assembly", "Policy", "Catalog", "BrandContext", "Liquid", "TestSupport"]),
        .testTarget(name: "LiftTests", dependencies: ["Lift", "Pipeline", "Assembly", "Catalog", "BrandContext", "Diagnostics", "Preview", "TestSupport"],
                    exclude: ["gbstats_parity.py", "gbstats_report.py"]),
        .testTarget(name: "ServiceTests", dependencies: ["Service", "Assembly", "Catalog", "BrandContext", "TestSupport"]),
        .testTarget(name: "ServeTests", dependencies: ["Serve", "Service", "TestSupport"]),
        // The MCP server driven by the official Python SDK as a client (stdio and /mcp); needs
        // python3 with `mcp` and `jsonschema` (skipped without them unless TESSERA_REQUIRE_MCP=1).
        .testTarget(name: "MCPTests", dependencies: ["MCPServer", "Service", "Policy", "BrandContext", "TestSupport",
                                                    .product(name: "MCP", package: "swift-sdk")],
                    exclude: ["mcp_client.py"]),
        // The language server: framing, positions and features in process, and pygls's LanguageClient
        // driving `tessera lsp` (lsp_client.py; skipped without pygls unless TESSERA_REQUIRE_PYGLS=1).
        .testTarget(name: "LanguageServerTests", dependencies: ["LanguageServer", "Service", "Policy", "BrandContext", "TestSupport"],
                    exclude: ["lsp_client.py"]),
        // examples/spark/ run in Spark local mode (needs pyspark and Java; skipped without them unless TESSERA_REQUIRE_SPARK=1).
        .testTarget(name: "SparkExampleTests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
