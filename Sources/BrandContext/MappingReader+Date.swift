import Diagnostics

extension MappingReader {
    /// A `YYYY-MM-DD` value (claims' `valid_from`/`valid_until`); here rather than in the shared
    /// reader because `CalendarDate` is a brand type.
    func date(_ key: String, required: Bool = false) -> CalendarDate? {
        guard let node = value(key, required: required) else { return nil }
        guard let text = source.string(node, "'\(key)' in \(what)") else { return nil }
        guard let date = CalendarDate(text) else {
            sink.error(source.location(node), "invalid date '\(text)' for '\(key)' in \(what): expected YYYY-MM-DD naming a real day")
            return nil
        }
        return date
    }
}
