import BrandContext
import Foundation
import Liquid
import Testing

@testable import Policy

/// `GuardrailInputs` reads the guard's conditions backwards (Preview builds recipients from it):
/// the events it proposes must make the guard's own `holds` come out as asked.
@Suite struct GuardrailInputsTests {
    static let now = Date(timeIntervalSince1970: TimeInterval(RecipientFacts.days(2026, 11, 23)) * 86_400)
    static let at = ISO8601DateFormatter().string(from: now.addingTimeInterval(-3600))

    static func recipient(events: [Value]) -> Value { .object(LiquidObject([("events", .array(events))])) }

    static let ticket = GuardrailCondition.event(type: "support_ticket", withinDays: 14, fields: ["sentiment": "negative"], atLeast: 1)
    static let purchases = GuardrailCondition.event(type: "purchase", withinDays: nil, fields: [:], atLeast: 3)

    @Test(arguments: [
        ticket, purchases,
        .any([.segment("vip"), ticket]),
        .all([ticket, purchases]),
        .all([ticket, .not(purchases)]),
        .not(.any([.not(ticket), .field(path: "recipient.consent.email", equals: "false")])),
    ])
    func proposedEventsSwitchTheConditionOn(_ condition: GuardrailCondition) {
        let compiled = CompiledCondition(condition)
        let events = compiled.events(want: true, at: Self.at)
        #expect(!events.isEmpty)
        #expect(compiled.holds(Self.recipient(events: events), now: Self.now.timeIntervalSince1970))
    }

    @Test func theExampleBrandsRulesAsPreviewInputs() {
        let inputs = GuardrailInputs(PolicyFixtures.brand().guardrails)
        #expect(inputs.fieldValues["consent.email"] == ["false"])
        #expect(inputs.fieldValues["consent.personalization"] == ["false", "true"])
        #expect(inputs.segments == ["churned"])
        let churned = inputs.rules.firstIndex { $0.id == "churned-no-loyalty-upgrade" }!
        #expect(
            inputs.events(switchingOn: churned, now: Self.now).map { $0.member(at: MemberPath("type")).flatMap(RecipientFacts.text) } == ["churned"])
        let always = inputs.rules.firstIndex { $0.id == "max-personal-signals" }!
        #expect(inputs.events(switchingOn: always, now: Self.now).isEmpty)
    }
}
