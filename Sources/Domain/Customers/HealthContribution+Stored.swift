/// A contribution read back from storage (`health_score.contributions`), as it was computed.
extension HealthContribution {
    public init(stored kind: HealthSignalKind, raw: Double?, normalised: Double, weight: Double, share: Double, contribution: Double) {
        self.kind = kind
        self.raw = raw
        self.normalised = normalised
        self.weight = weight
        self.share = share
        self.contribution = contribution
    }
}
