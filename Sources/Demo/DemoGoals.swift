import Credentials
import Database
import UseCases
import Domain
import Foundation
import Store

/// The demo's goals, placed in the present of the store's clock: positions and a reporting line, an SMB tree
/// (上期/下期売上 → KSFs → GRR, NRR, NPS, and 顧客接点 bound to the timeline's touches) and an Enterprise one in English for the current half, with check-ins for
/// its months that have ended — reviewed, except that the month before last's NPS check-in (off track) waits for
/// review and last month's check-ins are open, waiting for their owners — and an accountability waiting to be
/// acknowledged. In the first month of a half, last month belongs to the previous half: the demo then also has
/// that half's tree, checked in the same way, and this half's tree is its copy for the new period.
enum DemoGoals {
    /// Seeds the trees; answers the KPIs bound to a computed metric, whose check-ins wait for the customers
    /// (``checkInBound(_:_:)``).
    static func seed(
        _ tx: TenantTransaction, people: [String: UUID], enterprise: UUID, smb: UUID, teams: [UUID], now: Date
    ) async throws -> [Goal] {
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: nil)
        let today = facts.today
        let half = FiscalPeriod.containing(today, kind: .half, startMonth: facts.startMonth)
        let lastMonth = FiscalPeriod.month(containing: today, startMonth: facts.startMonth).previous
        let earlierHalf: FiscalPeriod? = half.contains(lastMonth.start) ? nil : half.previous
        // A Japanese company closes for 年末年始: last year's, this year's and next year's, before anything is scheduled.
        _ = try await GoalSettingsRepository.addClosures(
            tx,
            BusinessCalendar.newYearClosure(years: (today.year - 1)...(today.year + 1)).sorted()
                .map { GoalSettingsRepository.Closure(day: $0, name: "年末年始") })
        let calendar = try await GoalSettingsRepository.businessCalendar(tx)
        let settings = try await GoalSettingsRepository.get(tx)
        func person(_ name: String) -> UUID { people[name]! }

        // Positions: the CS head above both company leads, CSMs under their lead — held since the earliest tree began.
        let held = (earlierHalf ?? half).start
        func position(_ name: String, _ scope: Scope, reportsTo: UUID?, holder: UUID, duties: [String]) async throws -> UUID {
            let saved = try await PositionRepository.insert(
                tx,
                Position(id: .v7(), name: name, scope: scope, reportsToID: reportsTo, responsibilities: duties, authority: [],
                         goalIDs: [], createdAt: now, updatedAt: now, version: 1))
            _ = try await PositionRepository.addHolding(
                tx, PositionHolding(id: .v7(), positionID: saved.id, memberID: holder, primary: true, startDate: held, endDate: nil))
            return saved.id
        }
        let head = try await position("CS 本部長 (Head of CS)", .org, reportsTo: nil, holder: person("owner"), duties: ["全社の GRR・NRR に責任を持つ"])
        let smbLead = try await position("SMB リーダー (SMB Lead)", .company(smb), reportsTo: head, holder: person("tanaka"), duties: ["SMB の継続率"])
        let entLead = try await position("エンタープライズ リーダー (Enterprise Lead)", .company(enterprise), reportsTo: head, holder: person("sato"),
                                         duties: ["Enterprise の拡大"])
        _ = try await position("CSM (SMB)", .team(teams[2]), reportsTo: smbLead, holder: person("ito"), duties: ["担当顧客の更新"])
        // One position per territory, as an org chart names them (three positions all called "CSM (Enterprise)" could
        // not be told apart in a picker).
        for (name, territory) in [("suzuki", "金融 / Finance"), ("takahashi", "製造 / Manufacturing"), ("emily", "グローバル / Global")] {
            _ = try await position("CSM (Enterprise・\(territory))", .company(enterprise), reportsTo: entLead, holder: person(name),
                                   duties: ["担当顧客の成果創出"])
        }

        /// One half's two trees; `copying` is the earlier half's tree this one continues (same order).
        func tree(in period: FiscalPeriod, copying earlier: [Goal]?) async throws -> [Goal] {
            var made: [Goal] = []
            func goal(
                _ kind: Goal.Kind, _ title: String, parent: Goal?, owner: String, company: UUID, team: UUID? = nil, description: String? = nil,
                metric: String? = nil, unit: String? = nil, baseline: Double? = nil, target: Double? = nil, direction: Goal.Direction = .up,
                bound: BoundMetric? = nil
            ) async throws -> Goal {
                let saved = try await GoalRepository.insert(
                    tx,
                    Goal(id: .v7(), kind: kind, parentID: parent?.id, title: title, description: description, ownerID: person(owner),
                         scopeKind: team != nil ? .team : .company, companyID: company, teamID: team, period: period, metric: metric,
                         unit: unit, baseline: baseline, target: target, direction: direction, dueDate: period.end, status: .active,
                         cadence: .monthly, weight: 1, copiedFromID: earlier?[made.count].id, createdAt: now, updatedAt: now, version: 1,
                         boundMetric: bound))
                made.append(saved)
                return saved
            }
            let kgi = try await goal(.kgi, period.number == 1 ? "上期売上" : "下期売上", parent: nil, owner: "tanaka", company: smb,
                                     metric: "売上", unit: "円", baseline: 100_000_000, target: 120_000_000)
            let retention = try await goal(.ksf, "既存顧客の継続", parent: kgi, owner: "tanaka", company: smb, description: "解約を防ぎ、更新率を上げる")
            let advocacy = try await goal(.ksf, "顧客推奨の拡大", parent: kgi, owner: "tanaka", company: smb, description: "推奨者（NPS 9–10）を増やす")
            _ = try await goal(.kpi, "SMB GRR", parent: retention, owner: "ito", company: smb, team: teams[2], metric: "GRR", unit: "%", baseline: 90, target: 95)
            _ = try await goal(.kpi, "SMB NRR", parent: retention, owner: "ito", company: smb, team: teams[2], metric: "NRR", unit: "%", baseline: 100, target: 110)
            _ = try await goal(.kpi, "SMB NPS", parent: advocacy, owner: "ito", company: smb, team: teams[2], metric: "NPS", unit: "pt", baseline: 10, target: 30)
            // The behaviour that keeps health from falling (seed 000), counted by Banso from the timeline.
            _ = try await goal(.kpi, "SMB 顧客接点", parent: retention, owner: "ito", company: smb, team: teams[2], metric: "顧客接点の数", unit: "件",
                               baseline: 2, target: 4, bound: .touches)
            let entKGI = try await goal(.kgi, "Enterprise net revenue retention", parent: nil, owner: "sato", company: enterprise,
                                        metric: "NRR", unit: "%", baseline: 105, target: 115)
            let adoption = try await goal(.ksf, "Customers reach their first outcome", parent: entKGI, owner: "sato", company: enterprise,
                                          description: "Every new account hits its first success milestone within 90 days")
            _ = try await goal(.kpi, "Days to first value", parent: adoption, owner: "emily", company: enterprise, team: teams[1],
                               metric: "Days to first value", unit: "days", baseline: 60, target: 45, direction: .down)
            _ = try await goal(.kpi, "オンボーディング 30 日完了率", parent: adoption, owner: "suzuki", company: enterprise, team: teams[0],
                               metric: "30 日以内にオンボーディングを完了した顧客の割合", unit: "%", baseline: 70, target: 90)
            _ = try await goal(.kpi, "ヘルス A・B の顧客比率", parent: adoption, owner: "takahashi", company: enterprise, team: teams[1],
                               metric: "ヘルススコア A または B の顧客の割合", unit: "%", baseline: 65, target: 80)
            return made
        }

        /// Check-ins of the KPIs for the months of `period` that have ended: the last one open, the one before it
        /// submitted (NPS waiting for review, the rest reviewed), earlier ones reviewed.
        func checkIns(_ goals: [Goal], in period: FiscalPeriod) async throws {
            let ended = period.months.filter { $0.end < today }
            let series: [String: ([Double], CheckIn.Confidence)] = [
                "SMB GRR": ([91, 92, 92.5, 93, 93.5, 94], .onTrack), "SMB NRR": ([101, 101.5, 102, 103, 104, 104], .atRisk),
                "SMB NPS": ([11, 10, 12, 11, 12, 13], .offTrack), "Days to first value": ([58, 55, 52, 50, 49, 47], .onTrack),
                "オンボーディング 30 日完了率": ([72, 74, 75, 78, 80, 81], .onTrack), "ヘルス A・B の顧客比率": ([66, 65, 67, 66, 68, 69], .atRisk),
            ]
            for goal in goals {
                guard let (values, confidence) = series[goal.title] else { continue }
                for (index, month) in ended.enumerated() {
                    let checkInPeriod = CheckInPeriod.containing(month.start, cadence: .monthly, fiscalYearStartMonth: facts.startMonth)
                    let schedule = CheckInSchedule(period: checkInPeriod, settings: settings, calendar: calendar)
                    let reviewer = try await ReviewerLookup.reviewer(tx, goal: goal, on: today)
                    let (opened, _) = try await CheckInRepository.open(
                        tx, goalID: goal.id, period: checkInPeriod, schedule: schedule, reviewerID: reviewer)
                    if index == ended.count - 1 { continue }
                    _ = try await CheckInRepository.record(
                        tx, id: opened.id, actual: .some(values[index % values.count]), confidence: .some(confidence),
                        comment: .some(goal.title.hasPrefix("SMB") ? "担当 12 社の状況を反映" : "Updated from the monthly review"),
                        blockers: .some(confidence == .offTrack ? "推奨者向けの施策が未着手" : nil), expectedVersion: nil)
                    _ = try await CheckInRepository.submit(tx, id: opened.id, late: false, reviewerID: reviewer)
                    let waitsForReview = index == ended.count - 2 && confidence == .offTrack
                    if !waitsForReview, let reviewer {
                        _ = try await CheckInRepository.review(tx, id: opened.id, reviewer: reviewer, decision: .accept, comment: nil)
                    }
                }
            }
        }

        var earlierTree: [Goal]?
        if let earlierHalf {
            let earlier = try await tree(in: earlierHalf, copying: nil)
            try await checkIns(earlier, in: earlierHalf)
            earlierTree = earlier
        }
        let current = try await tree(in: half, copying: earlierTree)
        try await checkIns(current, in: half)
        let nps = current.first { $0.title == "SMB NPS" }!

        let accountability = try await AccountabilityRepository.insert(
            tx,
            Accountability(id: .v7(), assigneeID: person("ito"), assignedByID: person("tanaka"), subjectType: .goal, subjectID: nps.id,
                           duty: nil, companyID: smb, teamID: teams[2], dueDate: half.end, note: "推奨者インタビューを月 3 件",
                           state: .pending, responseReason: nil, respondedAt: nil, replacesID: nil, replacedByID: nil,
                           createdAt: now, updatedAt: now, version: 1))
        // The Enterprise lead's team has work assigned too: one acknowledged, one still waiting for its answer.
        let entKGI = current.first { $0.kind == .kgi && $0.companyID == enterprise }!
        for (assignee, duty, state) in [
            ("suzuki", "新規 5 社のキックオフを今月中に実施", Accountability.State.acknowledged),
            ("emily", "Quarterly business reviews for the top 10 accounts", Accountability.State.pending),
        ] {
            let assigned = try await AccountabilityRepository.insert(
                tx,
                Accountability(id: .v7(), assigneeID: person(assignee), assignedByID: person("sato"), subjectType: .duty, subjectID: nil,
                               duty: duty, companyID: enterprise, teamID: assignee == "suzuki" ? teams[0] : teams[1], dueDate: half.end,
                               note: "関連: \(entKGI.title)", state: state, responseReason: nil, respondedAt: state == .pending ? nil : now,
                               replacesID: nil, replacedByID: nil, createdAt: now, updatedAt: now, version: 1))
            if state == .pending {
                try await NotificationRepository.deliver(
                    tx, to: person(assignee),
                    .accountabilityAssigned(subject: duty, by: "佐藤 健 (Ken Sato)", due: half.end, locale: .en),
                    subjectType: "accountability", subjectID: assigned.id)
            }
        }
        try await NotificationRepository.deliver(
            tx, to: person("ito"),
            .accountabilityAssigned(subject: nps.title, by: "田中 美咲 (Misaki Tanaka)", due: half.end, locale: .ja),
            subjectType: "accountability", subjectID: accountability.id)
        return ((earlierTree ?? []) + current).filter { $0.boundMetric != nil }
    }

    /// The check-ins of KPIs bound to a computed metric, once the customers they count exist: like the others', the
    /// months that have ended, last month's open (its actual filled, as the scheduler's opening does) and earlier
    /// ones submitted with the computed value and reviewed.
    static func checkInBound(_ tx: TenantTransaction, _ goals: [Goal]) async throws {
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: nil)
        let settings = try await GoalSettingsRepository.get(tx)
        let calendar = try await GoalSettingsRepository.businessCalendar(tx)
        for goal in goals {
            let ended = goal.period.months.filter { $0.end < facts.today }
            for (index, month) in ended.enumerated() {
                let period = CheckInPeriod.containing(month.start, cadence: .monthly, fiscalYearStartMonth: facts.startMonth)
                let reviewer = try await ReviewerLookup.reviewer(tx, goal: goal, on: facts.today)
                let (opened, _) = try await CheckInRepository.open(
                    tx, goalID: goal.id, period: period, schedule: CheckInSchedule(period: period, settings: settings, calendar: calendar),
                    reviewerID: reviewer)
                if index == ended.count - 1 {
                    try await BoundMetricRepository.fill(tx, goal: goal, checkIn: opened)
                    continue
                }
                let value = try await BoundMetricRepository.value(tx, metric: goal.boundMetric!, goal: goal, start: period.start, end: period.end)
                let confidence: CheckIn.Confidence = (value ?? 0) >= (goal.target ?? 0) ? .onTrack : .atRisk
                _ = try await CheckInRepository.record(
                    tx, id: opened.id, actual: .some(value), confidence: .some(confidence), comment: .some("タイムラインから自動計測"),
                    blockers: .some(nil), expectedVersion: nil)
                _ = try await CheckInRepository.submit(tx, id: opened.id, late: false, reviewerID: reviewer)
                if let reviewer { _ = try await CheckInRepository.review(tx, id: opened.id, reviewer: reviewer, decision: .accept, comment: nil) }
            }
        }
    }
}
