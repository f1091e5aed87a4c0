/// A change of a goal's cadence that waits for the current period to end (DESIGN §2): the cadence in force keeps
/// its current period — whose check-in is still opened — and the new cadence starts with the first of its periods
/// that ends on or after `from`, the day after. So a change never produces a duplicate check-in nor leaves a
/// period without one (a known failure of check-in tools that switch at once).
public struct CadenceSwitch: Sendable, Hashable, Codable {
    /// The cadence in force before `from`.
    public var prior: Cadence
    /// The first day of the new cadence.
    public var from: LocalDate

    public init(prior: Cadence, from: LocalDate) {
        self.prior = prior
        self.from = from
    }
}

extension Goal {
    /// The cadence in force on `day`.
    public func cadence(on day: LocalDate) -> Cadence {
        if let cadenceSwitch, day < cadenceSwitch.from { return cadenceSwitch.prior }
        return cadence
    }

    /// Changes the cadence as of `today`: the one in force finishes its current period first. Changing back before
    /// the switch took effect cancels it.
    public mutating func changeCadence(to new: Cadence, today: LocalDate) {
        let inForce = cadence(on: today)
        if new == inForce {
            cadence = new
            cadenceSwitch = nil
            return
        }
        let current = CheckInPeriod.containing(today, cadence: inForce, fiscalYearStartMonth: period.fiscalYearStartMonth)
        cadence = new
        // A goal whose period has not begun has no check-in under the old cadence to keep.
        cadenceSwitch = current.end < period.start ? nil : CadenceSwitch(prior: inForce, from: current.end.adding(days: 1))
    }

    /// Whether the goal reports on `checkInPeriod` — of its cadence, or of the prior one before a switch.
    public func reports(on checkInPeriod: CheckInPeriod) -> Bool {
        guard let cadenceSwitch else { return checkInPeriod.cadence == cadence }
        if checkInPeriod.cadence == cadence && checkInPeriod.end >= cadenceSwitch.from { return true }
        return checkInPeriod.cadence == cadenceSwitch.prior && checkInPeriod.end < cadenceSwitch.from
    }
}
