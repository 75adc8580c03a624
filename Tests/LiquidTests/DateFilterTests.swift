import Testing

@testable import Liquid

/// `date`: epoch and ISO input parsed without a DateFormatter; dates keep the zone they were written in.
@Suite struct DateFilterTests {
    func render(_ source: String) throws -> String { try Environment().parse(source).render() }

    @Test func epochAndISO() throws {
        #expect(try render("{{ 0 | date: '%Y-%m-%d %H:%M:%S %a %j %A %B %u %w' }}") == "1970-01-01 00:00:00 Thu 001 Thursday January 4 4")
        #expect(try render("{{ 951782400 | date: '%F %a %j' }}") == "2000-02-29 Tue 060")
        #expect(try render("{{ -86401 | date: '%F %T %a' }}") == "1969-12-30 23:59:59 Tue")
        #expect(try render("{{ '2024-12-31T23:59:59.250Z' | date: '%j %L %-m/%-d %e %I%P' }}") == "366 250 12/31 31 11pm")
    }

    @Test func offsetsAreKept() throws {
        #expect(try render("{{ '2024-03-05T10:20:30+02:00' | date: '%F %T %z' }}") == "2024-03-05 10:20:30 +0200")
        #expect(try render("{{ '2024-03-05T10:20:30+02:00' | date: '%s' }}") == "1709626830")
        #expect(try render("{{ '2024-03-05 10:20' | date: '%H:%M %Z' }}") == "10:20 UTC")
    }

    @Test func textualAndUnparseable() throws {
        #expect(try render("{{ 'March 14, 2016' | date: '%b %d, %y' }}") == "Mar 14, 16")
        #expect(try render("{{ 'not a date' | date: '%Y' }}") == "not a date")
        #expect(try render("{{ '2024-13-01' | date: '%Y' }}") == "2024-13-01")
    }
}
