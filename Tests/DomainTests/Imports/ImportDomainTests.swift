import Domain
import Foundation
import Testing

/// Header matching, cell parsing, row validation and encoding detection of CSV imports (no database).
@Suite struct ImportDomainTests {
    let smb = UUID(), ent = UUID(), smbTeam = UUID(), csm = UUID()
    var directory: ImportDirectory {
        ImportDirectory(
            companies: [.init(id: smb, name: "SMB"), .init(id: ent, name: "Enterprise")],
            teams: [.init(id: smbTeam, companyID: smb, name: "SMB 1")], members: ["csm@smb.example": csm],
            fields: [.init(key: "plan", type: "choice", choices: ["basic", "pro"])])
    }

    @Test func headersMatchJapaneseEnglishAndFullWidth() {
        let header = ImportHeader(kind: .customers, fields: ["外部ID", "ＮＡＭＥ", "Owner Email", "plan", "謎"], customFieldKeys: ["plan"])
        #expect(header.positions["external_id"] == 0)
        #expect(header.positions["name"] == 1)
        #expect(header.positions["owner_email"] == 2)
        #expect(header.positions["custom.plan"] == 3)
        #expect(header.problems == [ImportProblem(line: 1, column: "謎", reason: "unknown column")])
        let tickets = ImportHeader(kind: .tickets, fields: ["title"])
        #expect(Set(tickets.problems.compactMap(\.column)) == ["external_id", "opened_at", "customer_external_id"])
    }

    @Test func cellsParseDatesAmountsAndTimes() throws {
        #expect(try ImportCell.date("2026/4/1").get() == LocalDate(year: 2026, month: 4, day: 1))
        #expect(try ImportCell.date("2026-04-01").get() == LocalDate(year: 2026, month: 4, day: 1))
        #expect((try? ImportCell.date("2026/2/30").get()) == nil)
        #expect(try ImportCell.month("2026/4").get() == LocalDate(year: 2026, month: 4, day: 1))
        #expect(try ImportCell.amount("1,200,000", currency: "JPY").get() == 1_200_000)
        #expect(try ImportCell.amount("1200.5", currency: "USD").get() == 120_050)
        #expect((try? ImportCell.amount("1.5", currency: "JPY").get()) == nil)
        #expect((try? ImportCell.amount("-3", currency: "JPY").get()) == nil)
        #expect(ImportCell.majorUnits(120_005, currency: "USD") == "1200.05")
        let tokyo = TimeZone(identifier: "Asia/Tokyo")!
        let local = try ImportCell.instant("2026/4/1 10:00", zone: tokyo).get()
        #expect(local == Date(timeIntervalSince1970: 1_775_005_200))
        #expect(try ImportCell.instant("2026-04-01T01:00:00Z", zone: tokyo).get() == local)
        #expect(try ImportCell.instant("2026-04-01T10:00:00+09:00", zone: tokyo).get() == local)
        #expect(try ImportCell.flag("はい").get() == true)
    }

    @Test func aRowReportsEveryProblem() {
        let header = ImportHeader(kind: .tickets, fields: ["customer_external_id", "external_id", "title", "priority", "opened_at", "csat"])
        let validator = ImportValidator(header: header, directory: directory, zone: TimeZone(identifier: "Asia/Tokyo")!)
        let (record, problems) = validator.validate(ImportRow(line: 7, fields: ["K-1", "T-1", "", "critical", "soon", "9"], header: header))
        #expect(record == nil)
        #expect(problems.map(\.column) == ["title", "priority", "opened_at", "csat"])
        #expect(problems.allSatisfy { $0.line == 7 })
    }

    @Test func customersResolveNamesAndApplyOnlyPresentColumns() throws {
        let header = ImportHeader(kind: .customers, fields: ["external_id", "name", "team", "owner_email", "plan"], customFieldKeys: ["plan"])
        let validator = ImportValidator(header: header, directory: directory, zone: .current)
        let (record, problems) = validator.validate(ImportRow(line: 2, fields: ["C-1", "㈱伴走", "SMB 1", "csm@smb.example", "pro"], header: header))
        #expect(problems.isEmpty)
        guard case .customer(let row) = try #require(record) else { Issue.record("not a customer"); return }
        #expect(row.companyID == smb && row.teamID == smbTeam && row.ownerID == csm)
        let today = LocalDate(year: 2026, month: 4, day: 1)!
        let created = try row.applied(to: nil, newID: UUID(), today: today, now: Date(timeIntervalSince1970: 0)).get()
        #expect(created.name == "㈱伴走" && created.custom["plan"] == .text("pro"))
        var existing = created
        existing.segment = "SMB"
        let updated = try row.applied(to: existing, newID: UUID(), today: today, now: Date(timeIntervalSince1970: 0)).get()
        #expect(updated.segment == "SMB", "a column the file lacks is left as it is")
        let bad = validator.validate(ImportRow(line: 3, fields: ["C-2", "x", "Nope", "who@x", "gold"], header: header))
        #expect(bad.problems.map(\.column) == ["team", "owner_email", "plan"])
    }

    @Test func encodingDetection() {
        #expect(CSVEncoding.detect([0xEF, 0xBB, 0xBF, 0x41]) == .utf8)
        #expect(CSVEncoding.detect(Array("顧客名".utf8)) == .utf8)
        #expect(CSVEncoding.detect(Array("顧客名".utf8).dropLast()) == .utf8, "a character cut at the end of the prefix")
        #expect(CSVEncoding.detect([0x87, 0x8A, 0x87, 0x40]) == .cp932)
    }
}
