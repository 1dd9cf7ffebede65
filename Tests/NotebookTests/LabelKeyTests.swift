import Testing
@testable import Notebook

/// Labels are parsed once into kind and name, wherever they are written.
@Suite struct LabelKeyTests {
    @Test func parsesTheNameAfterItsKind() throws {
        let key = try #require(LabelKey("fig:loss-curves", as: .fig))
        #expect(key.kind == .fig && key.name == "loss-curves")
        #expect(key.description == "fig:loss-curves")
        #expect(LabelKey("eq:a:b", as: .eq)?.name == "a:b", "only the kind's colon separates")
    }

    @Test func otherKindsAndBareNamesAreNotLabelsOfThatKind() {
        #expect(LabelKey("tab:rows", as: .fig) == nil)
        #expect(LabelKey("rows", as: .tab) == nil)
        #expect(LabelKey("Fig:rows", as: .fig) == nil)
    }
}
