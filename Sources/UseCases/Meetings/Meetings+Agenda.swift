public import Domain
public import Foundation
public import Store

/// An occurrence's agenda: written from data by the scheduler N business days ahead (or when the facilitator asks),
/// and then the participants' to shape. Every reader sees only the items whose subjects they may read.
extension Meetings {
    /// The agenda as one reader sees it: the template's sections in the purpose's order, each with its time box.
    public struct Agenda: Sendable {
        public struct Section: Sendable {
            public var key: String
            /// The template's own heading, if it has one; else pages word the generator's.
            public var title: String?
            public var generator: AgendaGenerator?
            public var minutes: Int
            public var items: [AgendaItemRepository.Stored]
        }

        public var sections: [Section]
        public var generatedAt: Date?
        public var purpose: MeetingPurpose
        public var totalMinutes: Int { sections.reduce(0) { $0 + $1.minutes } }
        public var items: [AgendaItemRepository.Stored] { sections.flatMap(\.items) }
    }

    public func agenda(_ id: UUID) async throws -> Agenda {
        let (meeting, body, _) = try await load(id)
        return Self.arrange(try await AgendaItemRepository.list(tx, meeting: id), body: body, meeting: meeting) {
            $0.visibility.allows(identity.actor, identity.authorizer)
        }
    }

    /// Sections in the purpose's order with the items `shows` lets through; items of a section the template no
    /// longer has gather under their old key at the end, so nothing people wrote disappears.
    static func arrange(
        _ stored: [AgendaItemRepository.Stored], body: MeetingBody, meeting: Meeting, shows: (AgendaItem) -> Bool
    ) -> Agenda {
        let visible = stored.filter { !$0.item.dismissed && shows($0.item) }
        let byKey = Dictionary(grouping: visible, by: \.item.sectionKey)
        var sections: [Agenda.Section] = body.template.ordered(for: body.purpose).map { section in
            var generator: AgendaGenerator?
            if case .generator(let g) = section.content { generator = g }
            return Agenda.Section(
                key: section.key, title: section.title, generator: generator, minutes: section.minutes,
                items: (byKey[section.key] ?? []).sorted(by: Self.inOrder))
        }
        let known = Set(sections.map(\.key))
        for key in byKey.keys.filter({ !known.contains($0) }).sorted() {
            sections.append(Agenda.Section(
                key: key, title: nil, generator: nil, minutes: 0,
                items: byKey[key]!.sorted(by: Self.inOrder)))
        }
        return Agenda(sections: sections, generatedAt: meeting.agendaGeneratedAt, purpose: body.purpose)
    }

    /// By position; the id only breaks a tie (which a written agenda does not have).
    static func inOrder(_ a: AgendaItemRepository.Stored, _ b: AgendaItemRepository.Stored) -> Bool {
        a.item.position != b.item.position ? a.item.position < b.item.position : a.item.id < b.item.id
    }

    /// Writes the agenda again from today's data, keeping what people added, moved or took off (facilitator or
    /// meeting managers).
    public func generateAgenda(_ id: UUID) async throws -> Agenda {
        let (meeting, body, access) = try await load(id, lock: true)
        try requireRun(access)
        guard meeting.state != .cancelled else { throw DomainError(.conflict, "the meeting was cancelled") }
        let stored = try await Self.write(tx, meeting: meeting, body: body, now: caller.now, author: identity.memberID)
        try await Audit.record(tx, caller, action: "meeting.agenda_generate", resource: "meeting", id: id)
        var written = meeting
        written.agendaGeneratedAt = caller.now
        return Self.arrange(stored, body: body, meeting: written) { $0.visibility.allows(identity.actor, identity.authorizer) }
    }

    /// Generates and stores one occurrence's agenda (people's work kept, see ``AgendaRegeneration``): what both the
    /// scheduler and a person asking run. Only what changed is written. Answers the stored items.
    @discardableResult
    public static func write(
        _ tx: TenantTransaction, meeting: Meeting, body: MeetingBody, now: Date, author: UUID?, org known: OrgFacts? = nil
    ) async throws -> [AgendaItemRepository.Stored] {
        let org: OrgFacts
        if let known { org = known } else { org = try await OrgFacts.load(tx, reader: nil) }
        let zone = TimeZone(identifier: org.timeZone) ?? TimeZone(identifier: "Asia/Tokyo")!
        let previous = try await MeetingRepository.previous(tx, body: body.id, before: meeting.startsAt)
        let generators = body.template.sections.compactMap { section -> AgendaGenerator? in
            if case .generator(let generator) = section.content { return generator }
            return nil
        }
        // Facts as of the day the agenda is written (a check-in due tomorrow is not late yet), looking back to the
        // previous occurrence so that an event is raised once.
        let asOf = min(now, meeting.startsAt)
        let request = AgendaFactsRepository.Request(
            scope: body.scope, generators: generators,
            since: previous?.startsAt ?? meeting.startsAt.addingTimeInterval(-31 * 86_400), meetingAt: meeting.startsAt,
            today: Recurrence.localDate(of: asOf, in: zone), previousMeetingID: previous?.id, org: org)
        var facts = try await AgendaFactsRepository.load(tx, request)
        // The success programs' sections (issue 15) plug in through the extension point, read only when used.
        let successSections = generators.compactMap { generator -> String? in
            if case .extension(let name) = generator, SuccessAgenda.names.contains(name) { return name }
            return nil
        }
        if !successSections.isEmpty {
            let programs = try await SuccessAgendaRepository.programs(tx, scope: body.scope)
            let meetingDay = Recurrence.localDate(of: meeting.startsAt, in: zone)
            for name in successSections {
                facts.extensions[name] = SuccessAgenda.items(name, programs: programs, today: request.today, meetingDay: meetingDay)
            }
        }
        let sections = AgendaGeneration.generate(body.template, purpose: body.purpose, facts: facts)
        let existing = try await AgendaItemRepository.list(tx, meeting: meeting.id)
        let before = Dictionary(uniqueKeysWithValues: existing.map { ($0.item.id, $0) })
        let merged = AgendaRegeneration.merge(existing: existing.map(\.item), generated: sections, newID: { .v7() })
        let ids = Set(merged.map(\.id))
        try await AgendaItemRepository.apply(
            tx, meeting: meeting.id, upserts: merged.filter { before[$0.id]?.item != $0 },
            deletes: existing.map(\.item.id).filter { !ids.contains($0) }, by: author)
        try await MeetingRepository.markAgendaGenerated(tx, id: meeting.id, at: now)
        return merged.map { AgendaItemRepository.Stored(item: $0, createdBy: before[$0.id]?.createdBy) }
    }

    // MARK: - Items people add and shape

    public static let maxItemTitle = 300

    /// Adds an item a person wrote, optionally about a goal or customer they can read (then only that subject's
    /// readers see it), at the end of a section.
    public func addItem(_ id: UUID, section key: String, title: String, subject: AgendaSubject?) async throws -> AgendaItemRepository.Stored {
        let (meeting, body, access) = try await load(id)
        try requireContribute(access, meeting)
        let text = try Self.itemTitle(title)
        guard body.template.sections.contains(where: { $0.key == key }) else {
            throw DomainError(.invalid, "no such section in this meeting's agenda", field: "section")
        }
        var visibility = AgendaVisibility.everyone
        if let subject { visibility = try await requireReadable(subject, field: "subject_id") }
        let item = AgendaItem(
            id: .v7(), sectionKey: key, position: 0, origin: .manual, subject: subject, title: text, reason: AgendaReason("added"),
            visibility: visibility, fingerprint: nil)
        let stored = try await AgendaItemRepository.insert(tx, meeting: id, item, by: identity.memberID)
        try await MeetingRepository.markTouched(tx, id: id)
        try await Audit.record(tx, caller, action: "meeting.agenda_add", resource: "meeting", id: id,
                               after: ["item_id": stored.item.id.uuidString.lowercased()])
        return stored
    }

    static func itemTitle(_ raw: String) throws -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...maxItemTitle).contains(text.count), !text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" }) else {
            throw DomainError(.invalid, "an agenda item is 1 to 300 characters on one line", field: "title")
        }
        return text
    }

    /// Where an item moves.
    public enum Move: Sendable, Hashable {
        case up, down
        /// To the end of another section.
        case section(String)
    }

    /// Moves an item among the ones the caller sees (a hidden neighbour is stepped over, never revealed). The item
    /// is marked touched: a regenerate leaves it where people put it.
    public func moveItem(_ id: UUID, item itemID: UUID, _ move: Move) async throws {
        let (meeting, body, access) = try await load(id, lock: true)
        try requireContribute(access, meeting)
        let stored = try await AgendaItemRepository.list(tx, meeting: id).map(\.item)
        var items = stored
        guard let index = items.firstIndex(where: { $0.id == itemID }), !items[index].dismissed,
              items[index].visibility.allows(identity.actor, identity.authorizer)
        else { throw DomainError(.notFound, "agenda item not found") }
        let key = items[index].sectionKey
        switch move {
        case .up, .down:
            let section = items.indices.filter { items[$0].sectionKey == key && !items[$0].dismissed }
                .sorted { items[$0].position < items[$1].position }
            let seen = section.filter { items[$0].visibility.allows(identity.actor, identity.authorizer) }
            guard let at = seen.firstIndex(of: index) else { return }
            let other = move == .up ? at - 1 : at + 1
            guard seen.indices.contains(other) else { return }
            let (a, b) = (index, seen[other])
            (items[a].position, items[b].position) = (items[b].position, items[a].position)
            items[a].touched = true
            items[b].touched = true
        case .section(let target):
            guard body.template.sections.contains(where: { $0.key == target }) else {
                throw DomainError(.invalid, "no such section in this meeting's agenda", field: "section")
            }
            guard target != key else { return }
            items[index].sectionKey = target
            items[index].position = (items.filter { $0.sectionKey == target }.map(\.position).max() ?? -1) + 1
            items[index].touched = true
        }
        try await saveChanges(id, from: stored, to: items)
        try await MeetingRepository.markTouched(tx, id: id)
    }

    /// Changes an item's wording (its author, the facilitator or meeting managers; generated items only the latter).
    public func editItem(_ id: UUID, item itemID: UUID, title: String) async throws -> AgendaItemRepository.Stored {
        let (meeting, _, access) = try await load(id, lock: true)
        try requireContribute(access, meeting)
        let text = try Self.itemTitle(title)
        var edited = try await mayChange(id, itemID, access)
        edited.item.title = text
        edited.item.touched = true
        try await AgendaItemRepository.apply(tx, meeting: id, upserts: [edited.item], deletes: [], by: identity.memberID)
        try await MeetingRepository.markTouched(tx, id: id)
        return edited
    }

    /// Takes an item off the agenda: a person's own item goes; a generated one stays off when the agenda is
    /// written again.
    public func removeItem(_ id: UUID, item itemID: UUID) async throws {
        let (meeting, _, access) = try await load(id, lock: true)
        try requireContribute(access, meeting)
        let stored = try await mayChange(id, itemID, access)
        if stored.item.origin == .manual {
            try await AgendaItemRepository.delete(tx, meeting: id, id: itemID)
        } else {
            var dismissed = stored.item
            (dismissed.dismissed, dismissed.touched) = (true, true)
            try await AgendaItemRepository.apply(tx, meeting: id, upserts: [dismissed], deletes: [], by: identity.memberID)
        }
        try await MeetingRepository.markTouched(tx, id: id)
        try await Audit.record(tx, caller, action: "meeting.agenda_remove", resource: "meeting", id: id,
                               before: ["item_id": itemID.uuidString.lowercased(), "title": stored.item.title])
    }

    /// Puts an item not dealt with on the next occurrence of the series, saying where it came from.
    public func carryOver(_ id: UUID, item itemID: UUID) async throws -> Meeting {
        let (meeting, body, access) = try await load(id)
        try requireContribute(access, meeting)
        guard let stored = try await AgendaItemRepository.get(tx, meeting: id, id: itemID), !stored.item.dismissed,
              stored.item.visibility.allows(identity.actor, identity.authorizer)
        else { throw DomainError(.notFound, "agenda item not found") }
        guard let next = try await MeetingRepository.next(tx, body: body.id, after: meeting.startsAt) else {
            throw DomainError(.conflict, "the series has no next meeting to carry the item to")
        }
        let zone = TimeZone(identifier: try await OrgFacts.load(tx, reader: nil).timeZone) ?? .gmt
        let item = AgendaItem(
            id: .v7(), sectionKey: stored.item.sectionKey, position: 0, origin: .manual, subject: stored.item.subject,
            title: stored.item.title, reason: AgendaReason("carried_over", ["from": Recurrence.localDate(of: meeting.startsAt, in: zone).description]),
            visibility: stored.item.visibility, fingerprint: nil)
        _ = try await AgendaItemRepository.insert(tx, meeting: next.id, item, by: identity.memberID)
        try await MeetingRepository.markTouched(tx, id: next.id)
        try await Audit.record(tx, caller, action: "meeting.agenda_carry", resource: "meeting", id: id,
                               after: ["item_id": itemID.uuidString.lowercased(), "to_meeting_id": next.id.uuidString.lowercased()])
        return next
    }

    /// Writes the items a person's edit changed (a move touches two, an edit or removal one), not the whole agenda.
    private func saveChanges(_ id: UUID, from before: [AgendaItem], to after: [AgendaItem]) async throws {
        let old = Dictionary(uniqueKeysWithValues: before.map { ($0.id, $0) })
        try await AgendaItemRepository.apply(
            tx, meeting: id, upserts: after.filter { old[$0.id] != $0 }, deletes: [], by: identity.memberID)
    }

    /// The item, if the caller may change it: their own manual item, or any item they see when they run the meeting.
    private func mayChange(_ id: UUID, _ itemID: UUID, _ access: Access) async throws -> AgendaItemRepository.Stored {
        guard let stored = try await AgendaItemRepository.get(tx, meeting: id, id: itemID), !stored.item.dismissed,
              stored.item.visibility.allows(identity.actor, identity.authorizer)
        else { throw DomainError(.notFound, "agenda item not found") }
        guard access.canRun || (stored.item.origin == .manual && stored.createdBy == identity.memberID) else {
            throw DomainError(.forbidden, "only the item's author, the facilitator and meeting managers may change it", permission: Permission.manageMeetings.rawValue)
        }
        return stored
    }
}
