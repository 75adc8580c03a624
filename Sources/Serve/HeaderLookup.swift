import HTTPTypes

extension HTTPFields {
    /// `self[name]` (the values of every field of that name, joined with ", "), for names other
    /// than Cookie (which the subscript joins with "; "). The subscript builds a lazy filtered
    /// sequence and joins it even for one field, ~2,000 instructions a lookup; a request reads
    /// four headers this way.
    func value(_ name: HTTPField.Name) -> String? {
        assert(name != .cookie, "Cookie values are joined with \"; \": use the subscript")
        var found: String?
        for field in self where field.name == name {
            found = found.map { $0 + ", " + field.value } ?? field.value
        }
        return found
    }
}
