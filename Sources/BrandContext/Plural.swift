/// A count with its noun, singular for one: "1 file", "2 files", "0 files". Used wherever a
/// message counts things (lint summaries, run summaries, previews, brand error counts).
package enum Plural {
    /// `plural` for nouns whose plural is not noun + "s" (e.g. "summaries").
    package static func of(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }
}
