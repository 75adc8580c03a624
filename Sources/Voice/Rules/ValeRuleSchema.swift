/// The keys a Vale rule file may carry, per `extends` type. One list for the linter that runs the
/// rules (each rule's `init` refuses any other key) and for brand validation (BrandContext's
/// `VoiceRuleCheck`), so a brand is refused for exactly what the linter would refuse.
public enum ValeRuleSchema {
    /// Keys any rule may carry, whatever it extends (Vale's `Definition` and the test fixtures' keys).
    public static let commonKeys: Set<String> = [
        "extends", "message", "description", "level", "scope", "link", "limit", "action", "code", "name",
        "matchcase", "tests",
    ]

    /// The keys each type adds to the common ones. `sequence` and `script` are validated but not run.
    public static let typeKeys: [String: Set<String>] = [
        "existence": ["tokens", "raw", "append", "ignorecase", "nonword", "exceptions", "vocab"],
        "substitution": ["swap", "ignorecase", "nonword", "exceptions", "vocab", "capitalize", "pos"],
        "occurrence": ["token", "max", "min", "ignorecase"],
        "repetition": ["tokens", "max", "ignorecase", "alpha", "exceptions", "vocab"],
        "consistency": ["either", "nonword", "ignorecase"],
        "conditional": ["first", "second", "exceptions", "vocab", "ignorecase"],
        "capitalization": ["match", "style", "exceptions", "indicators", "threshold", "vocab", "prefix"],
        "metric": ["formula", "condition"],
        "readability": ["metrics", "grade"],
        "spelling": ["filters", "custom", "ignore", "dicpath", "dictionaries", "aff", "dic", "append", "threshold", "exceptions"],
        "sequence": ["tokens", "ignorecase"],
        "script": ["script"],
    ]

    /// Types whose unknown keys Vale ignores (it decodes them with `WeakDecode`).
    public static let lenientTypes: Set<String> = ["consistency", "spelling"]

    public static let levels = ["suggestion", "warning", "error"]

    /// Every type name, sorted (for messages).
    public static var typeNames: [String] { typeKeys.keys.sorted() }

    /// The common keys and the type's own; nil for a type Vale does not know.
    public static func allowedKeys(for type: String) -> Set<String>? {
        typeKeys[type].map { commonKeys.union($0) }
    }
}
