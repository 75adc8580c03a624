import Foundation

/// A generated brand for timing: the shipped example's brand.yaml, guardrails and voice rules
/// (copied from the package's brand/), with a claims.yaml of N synthetic but well-formed claims.
enum BenchBrand {
    static let shipped = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("brand")

    static func generate(at brand: URL, claims: Int) throws {
        let fm = FileManager.default
        try? fm.removeItem(at: brand)
        try fm.createDirectory(at: brand.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fm.copyItem(at: shipped, to: brand)
        try claimsYAML(count: claims).write(to: brand.appendingPathComponent("claims.yaml"), atomically: true, encoding: .utf8)
    }

    static let products = [
        "stormline-jacket", "ridgeback-down-parka", "switchback-fleece", "cinder-merino-base",
        "talus-hiking-boot", "scree-trail-runner", "tarn-daypack-28", "cairn-trek-pant",
    ]
    static let channels = ["email", "page", "sms", "push"]
    static let nouns = ["jacket", "parka", "fleece", "boot", "pack", "pant", "hoody", "layer"]
    static let features = [
        "waterproof seams", "recycled shell", "warm when wet", "sticky outsole", "four-way stretch",
        "packable hood", "odor control", "reflective trim",
    ]
    static let frenchFeatures = [
        "coutures imperméables", "tissu recyclé", "chaud même mouillé", "semelle adhérente",
        "extensible", "capuchon compressible", "anti-odeurs", "bandes réfléchissantes",
    ]

    static func claimsYAML(count: Int) -> String {
        var out = "disclaimers:\n"
        for d in 0..<20 {
            out += "  - id: disclaimer-\(d)\n    text: Fine print number \(d), measured on new product under lab conditions.\n"
            out += "    variants:\n      fr-CA: Mention légale numéro \(d), mesurée sur produit neuf en laboratoire.\n"
        }
        out += "claims:\n"
        for i in 0..<count {
            let f = i % features.count, n = (i / 3) % nouns.count
            out += """
                  - id: claim-\(i)
                    text: Our \(nouns[n]) number \(i) has \(features[f]) for long days outside.
                    variants:
                      en-CA: Our \(nouns[n]) number \(i) has \(features[f]) for long days outside, eh.
                      fr-CA: "Notre article \(i) : \(frenchFeatures[f]) pour les longues journées dehors."
                    products: [\(products[i % products.count]), \(products[(i + 3) % products.count])]
                    markets: [\(i % 3 == 0 ? "US" : i % 3 == 1 ? "CA" : "US, CA")]
                    channels: [\(channels[i % 4]), \(channels[(i + 1) % 4])]
                    valid_from: 20\(24 + i % 3)-0\(1 + i % 9)-1\(i % 10)
                \(i % 4 == 0 ? "" : "    valid_until: 2027-0\(1 + i % 9)-2\(i % 9)\n")\
                    disclaimers: [disclaimer-\(i % 20)\(i % 5 == 0 ? ", disclaimer-\((i + 7) % 20)" : "")]
                    substantiation: LAB-\(2020 + i % 7)-\(i) (generated test report)

                """
        }
        return out
    }
}
