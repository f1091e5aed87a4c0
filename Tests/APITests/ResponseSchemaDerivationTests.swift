@testable import API
import Domain
import Foundation
import Testing

/// `Schema.of`: a response's schema read off its DTO, the way `CanonicalJSONEncoder` writes it.
@Suite struct ResponseSchemaDerivationTests {
    struct Sample: Codable {
        enum Mood: String, Codable, CaseIterable { case calm, busy }
        struct Part: Codable { var label: String }
        var id: UUID
        var parentID: UUID?
        var title: String
        var note: String?
        var count: Int
        var ratio: Double
        var done: Bool
        var at: Date
        var day: LocalDate
        var mood: Mood
        var tags: [String]
        var parts: [Part]
        var extra: JSONValue?
    }

    struct Node: Codable {
        var name: String
        var children: [Node]
    }

    @Test func propertiesTypesAndRequired() {
        let schema = Schema.of(Sample.self)
        #expect(schema["type"] == "object")
        #expect(schema["properties"] == [
            "id": Schema.uuid, "parent_id": Schema.nullable(Schema.uuid), "title": Schema.string,
            "note": Schema.nullable(Schema.string), "count": Schema.integer, "ratio": Schema.number, "done": Schema.boolean,
            "at": Schema.dateTime, "day": Schema.date, "mood": Schema.enumeration(["calm", "busy"]),
            "tags": Schema.array(Schema.string),
            "parts": Schema.array(Schema.object(["label": Schema.string], required: ["label"])), "extra": [:],
        ])
        #expect(schema["required"] == ["at", "count", "day", "done", "id", "mood", "parts", "ratio", "tags", "title"])
    }

    @Test func refinementsReplaceAProperty() {
        let schema = Schema.of(Sample.Part.self, refining: ["label": Schema.enumeration(["a", "b"])])
        #expect(schema["properties"]?["label"] == Schema.enumeration(["a", "b"]))
    }

    @Test func aTypeInsideItselfIsNotDescribedWithoutEnd() {
        let children = Schema.of(Node.self)["properties"]?["children"]?["items"]
        #expect(children?["type"] == "object")
        #expect(children?["properties"] == nil)
    }
}
