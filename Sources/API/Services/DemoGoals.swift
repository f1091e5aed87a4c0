import Database
import Domain
import Foundation
import Store

/// The demo's goals: positions and a reporting line, an SMB tree (下期売上 → KSFs → GRR, NRR, NPS) and an
/// Enterprise one in English, check-ins for the months of the current half that have ended (reviewed, one
/// waiting for review, one off track), and an accountability waiting to be acknowledged.
enum DemoGoals {
    static func seed(
        _ tx: Transaction, org: UUID, people: [String: UUID], enterprise: UUID, smb: UUID, teams: [UUID]
    ) async throws {
        let facts = try await GoalSettingsRepository.calendarFacts(tx, org: org, reader: nil)
        let today = facts.today
        let half = FiscalPeriod.containing(today, kind: .half, startMonth: facts.startMonth)
        let calendar = try await GoalSettingsRepository.businessCalendar(tx, org: org)
        let settings = try await GoalSettingsRepository.get(tx, org: org)
        func person(_ name: String) -> UUID { people[name]! }

        // Positions: the CS head above both company leads, CSMs under their lead.
        func position(_ name: String, _ scope: Scope, reportsTo: UUID?, holder: UUID, duties: [String]) async throws -> UUID {
            let now = Date()
            let saved = try await PositionRepository.insert(
                tx, org: org,
                Position(id: .v7(), name: name, scope: scope, reportsToID: reportsTo, responsibilities: duties, authority: [],
                         goalIDs: [], createdAt: now, updatedAt: now, version: 1))
            _ = try await PositionRepository.addHolding(
                tx, org: org, PositionHolding(id: .v7(), positionID: saved.id, memberID: holder, primary: true, startDate: half.start, endDate: nil))
            return saved.id
        }
        let head = try await position("CS 本部長 (Head of CS)", .org, reportsTo: nil, holder: person("owner"), duties: ["全社の GRR・NRR に責任を持つ"])
        let smbLead = try await position("SMB リーダー (SMB Lead)", .company(smb), reportsTo: head, holder: person("tanaka"), duties: ["SMB の継続率"])
        let entLead = try await position("エンタープライズ リーダー (Enterprise Lead)", .company(enterprise), reportsTo: head, holder: person("sato"),
                                         duties: ["Enterprise の拡大"])
        _ = try await position("CSM (SMB)", .team(teams[2]), reportsTo: smbLead, holder: person("ito"), duties: ["担当顧客の更新"])
        for name in ["suzuki", "takahashi", "emily"] {
            _ = try await position("CSM (Enterprise)", .company(enterprise), reportsTo: entLead, holder: person(name), duties: ["担当顧客の成果創出"])
        }

        func goal(
            _ kind: Goal.Kind, _ title: String, parent: UUID?, owner: String, company: UUID, team: UUID? = nil, description: String? = nil,
            metric: String? = nil, unit: String? = nil, baseline: Double? = nil, target: Double? = nil, direction: Goal.Direction = .up
        ) async throws -> Goal {
            let now = Date()
            return try await GoalRepository.insert(
                tx, org: org,
                Goal(id: .v7(), kind: kind, parentID: parent, title: title, description: description, ownerID: person(owner),
                     scopeKind: team != nil ? .team : .company, companyID: company, teamID: team, period: half, metric: metric,
                     unit: unit, baseline: baseline, target: target, direction: direction, dueDate: half.end, status: .active,
                     cadence: .monthly, weight: 1, copiedFromID: nil, createdAt: now, updatedAt: now, version: 1))
        }
        let kgi = try await goal(.kgi, "下期売上", parent: nil, owner: "tanaka", company: smb, metric: "売上", unit: "円",
                                 baseline: 100_000_000, target: 120_000_000)
        let retention = try await goal(.ksf, "既存顧客の継続", parent: kgi.id, owner: "tanaka", company: smb, description: "解約を防ぎ、更新率を上げる")
        let advocacy = try await goal(.ksf, "顧客推奨の拡大", parent: kgi.id, owner: "tanaka", company: smb, description: "推奨者（NPS 9–10）を増やす")
        let grr = try await goal(.kpi, "SMB GRR", parent: retention.id, owner: "ito", company: smb, team: teams[2], metric: "GRR", unit: "%", baseline: 90, target: 95)
        let nrr = try await goal(.kpi, "SMB NRR", parent: retention.id, owner: "ito", company: smb, team: teams[2], metric: "NRR", unit: "%", baseline: 100, target: 110)
        let nps = try await goal(.kpi, "SMB NPS", parent: advocacy.id, owner: "ito", company: smb, team: teams[2], metric: "NPS", unit: "pt", baseline: 10, target: 30)
        let entKGI = try await goal(.kgi, "Enterprise net revenue retention", parent: nil, owner: "sato", company: enterprise,
                                    metric: "NRR", unit: "%", baseline: 105, target: 115)
        let adoption = try await goal(.ksf, "Customers reach their first outcome", parent: entKGI.id, owner: "sato", company: enterprise,
                                      description: "Every new account hits its first success milestone within 90 days")
        let onboarding = try await goal(.kpi, "Days to first value", parent: adoption.id, owner: "emily", company: enterprise, team: teams[1],
                                        metric: "Days to first value", unit: "days", baseline: 60, target: 45, direction: .down)

        // Check-ins for the months of this half that have ended: reviewed, but the last one waits for review; NPS
        // is off track.
        let ended = half.months.filter { $0.end < today }
        let series: [(Goal, [Double], CheckIn.Confidence)] = [
            (grr, [91, 92, 92.5, 93, 93.5, 94], .onTrack), (nrr, [101, 101.5, 102, 103, 104, 104], .atRisk),
            (nps, [11, 10, 12, 11, 12, 13], .offTrack), (onboarding, [58, 55, 52, 50, 49, 47], .onTrack),
        ]
        for (goal, values, confidence) in series {
            for (index, month) in ended.enumerated() {
                let period = CheckInPeriod.containing(month.start, cadence: .monthly, fiscalYearStartMonth: facts.startMonth)
                let schedule = CheckInSchedule(period: period, settings: settings, calendar: calendar)
                let reviewer = try await ReviewerLookup.reviewer(tx, org: org, goal: goal, on: today)
                let (opened, _) = try await CheckInRepository.open(tx, org: org, goalID: goal.id, period: period, schedule: schedule, reviewerID: reviewer)
                _ = try await CheckInRepository.record(
                    tx, org: org, id: opened.id, actual: .some(values[index % values.count]), confidence: .some(confidence),
                    comment: .some(goal.kind == .kpi && goal.title.hasPrefix("SMB") ? "担当 12 社の状況を反映" : "Updated from the monthly review"),
                    blockers: .some(confidence == .offTrack ? "推奨者向けの施策が未着手" : nil), expectedVersion: nil)
                _ = try await CheckInRepository.submit(tx, org: org, id: opened.id, late: false, reviewerID: reviewer)
                if index < ended.count - 1, let reviewer {
                    _ = try await CheckInRepository.review(tx, org: org, id: opened.id, reviewer: reviewer, decision: .accept, comment: nil)
                }
            }
        }

        let now = Date()
        let accountability = try await AccountabilityRepository.insert(
            tx, org: org,
            Accountability(id: .v7(), assigneeID: person("ito"), assignedByID: person("tanaka"), subjectType: .goal, subjectID: nps.id,
                           duty: nil, companyID: smb, teamID: teams[2], dueDate: half.end, note: "推奨者インタビューを月 3 件",
                           state: .pending, responseReason: nil, respondedAt: nil, replacesID: nil, replacedByID: nil,
                           createdAt: now, updatedAt: now, version: 1))
        try await NotificationRepository.deliver(
            tx, org: org, to: person("ito"),
            .accountabilityAssigned(subject: nps.title, by: "田中 美咲 (Misaki Tanaka)", due: half.end, locale: .ja),
            subjectType: "accountability", subjectID: accountability.id)
    }
}
