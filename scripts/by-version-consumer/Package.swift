// swift-tools-version:6.0
// A package that depends on Tessera's libraries by version, as an outside user would: SwiftPM
// refuses a versioned dependency whose products' targets carry unsafe build flags
// (`-enforce-exclusivity=unchecked` was one). `scripts/check-by-version` builds it against a
// local clone of the repository tagged for the purpose; TESSERA_GIT_URL names that clone.
import PackageDescription

let tessera = Context.environment["TESSERA_GIT_URL"] ?? "https://github.com/tessera/tessera"

let package = Package(
    name: "ByVersionConsumer",
    platforms: [.macOS(.v13)],
    dependencies: [.package(url: tessera, from: "1.0.0")],
    targets: [
        .executableTarget(name: "ByVersionConsumer", dependencies: [
            .product(name: "MJML", package: "tessera"),
            .product(name: "Liquid", package: "tessera"),
            .product(name: "Voice", package: "tessera"),
            .product(name: "Diagnostics", package: "tessera"),
            .product(name: "BrandContext", package: "tessera"),
            .product(name: "Catalog", package: "tessera"),
            .product(name: "Assembly", package: "tessera"),
        ]),
    ]
)
