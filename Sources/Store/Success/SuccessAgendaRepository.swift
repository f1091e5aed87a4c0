public import Database
public import Domain
public import Foundation

/// The running success programs of a meeting body's scope, with what the agenda's success sections say about them
/// (``SuccessAgenda``): three statements in one round trip whatever the number of programs.
public enum SuccessAgendaRepository {
    public static func programs(_ tx: TenantTransaction, scope: Scope) async throws -> [SuccessAgenda.Program] {
        let inScope = AgendaFactsRepository.inScope(scope, tx, company: "cu.company_id", team: "cu.team_id")
        let running: SQLQuery = """
            SELECT e.id FROM enrolment e
            JOIN customer cu ON cu.org_id = e.org_id AND cu.id = e.customer_id
            WHERE e.org_id = \(tx.org) AND e.state = 'active' AND cu.archived_at IS NULL AND cu.merged_into IS NULL AND \(inScope)
            """
        let results = try await tx.batch([
            """
            SELECT \(EnrolmentRepository.columns), cu.name, cu.company_id, cu.team_id, cu.owner_id, cu.sales_owner_id, m.display_name
            FROM enrolment e
            JOIN customer cu ON cu.org_id = e.org_id AND cu.id = e.customer_id
            JOIN member m ON m.org_id = e.org_id AND m.id = e.csm_id
            WHERE e.org_id = \(tx.org) AND e.id IN (\(running))
            ORDER BY e.id
            """,
            """
            SELECT \(ProgramSessionRepository.columns) FROM program_session s
            WHERE s.org_id = \(tx.org) AND s.enrolment_id IN (\(running))
            ORDER BY s.enrolment_id, coalesce(s.held_on, s.planned_on), s.id
            """,
            """
            SELECT \(GoalSheetRepository.columns),
                coalesce((
                    SELECT jsonb_agg(jsonb_build_array(a.party, coalesce(a.member_id, a.contact_id), a.agreed_at, a.sheet_version)
                                     ORDER BY a.agreed_at, a.party)
                    FROM goal_sheet_agreement a WHERE a.org_id = g.org_id AND a.goal_sheet_id = g.id
                ), '[]')::text
            FROM goal_sheet g
            WHERE g.org_id = \(tx.org) AND g.enrolment_id IN (\(running))
            """,
        ])
        var sessions: [UUID: [ProgramSession]] = [:]
        for session in try results[1].map(ProgramSessionRepository.decode) { sessions[session.enrolmentID, default: []].append(session) }
        var sheets: [UUID: GoalSheet] = [:]
        for row in results[2] {
            let agreements = try Self.agreements(try row.decode(String.self, at: 8))
            let sheet = try GoalSheetRepository.decode(row, agreements: agreements)
            sheets[sheet.enrolmentID] = sheet
        }
        return try results[0].map { row in
            let enrolment = try EnrolmentRepository.decode(row)
            var r = RowReader(row, from: 14)
            let name: String = try r.next()
            let placement = AgendaFacts.Placement(companyID: try r.next(), teamID: try r.next())
            var people = AgendaFactsRepository.people(try r.next(), try r.next())
            if !people.contains(enrolment.csmID) { people.append(enrolment.csmID) }
            return SuccessAgenda.Program(
                enrolment: enrolment, customerName: name, placement: placement, people: people, csmName: try r.next(),
                sessions: sessions[enrolment.id] ?? [], goalSheet: sheets[enrolment.id])
        }
    }

    /// The agreements as the statement aggregates them: `[party, person, agreed_at, sheet_version]` each.
    private static func agreements(_ json: String) throws -> [GoalSheetAgreement] {
        let rows = try JSONDecoder().decode([[AgreementCell]].self, from: Data(json.utf8))
        return rows.compactMap { cells in
            guard cells.count == 4, case .text(let party) = cells[0], let party = GoalSheetParty(rawValue: party),
                  case .text(let person) = cells[1], let person = UUID(uuidString: person),
                  case .text(let at) = cells[2], let agreedAt = Self.instant(at), case .number(let version) = cells[3]
            else { return nil }
            return GoalSheetAgreement(party: party, personID: person, agreedAt: agreedAt, sheetVersion: Int(version))
        }
    }

    /// jsonb renders a timestamptz as ISO 8601 with the session's offset and up to microseconds.
    private static func instant(_ text: String) -> Date? {
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }

    private enum AgreementCell: Decodable {
        case text(String)
        case number(Double)

        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let number = try? value.decode(Double.self) { self = .number(number) } else { self = .text(try value.decode(String.self)) }
        }
    }
}
