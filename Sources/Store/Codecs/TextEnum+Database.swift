public import Database
public import Domain

/// A Domain enumeration stored as its raw text (the tables' CHECK constraints list the same names).
public protocol TextColumn: RawRepresentable, DatabaseEncodable, DatabaseDecodable where RawValue == String {}

extension TextColumn {
    public static var databaseType: DatabaseType { .text }
    public func databaseText() throws -> String? { rawValue }

    public init(databaseValue value: DatabaseValue) throws {
        guard let decoded = Self(rawValue: value.string) else {
            throw DatabaseDecodingFailure("unknown \(Self.self) '\(value.string)'")
        }
        self = decoded
    }
}

extension Goal.Kind: TextColumn {}
extension Goal.Direction: TextColumn {}
extension Goal.Status: TextColumn {}
extension Goal.ScopeKind: TextColumn {}
extension Cadence: TextColumn {}
extension CheckIn.State: TextColumn {}
extension CheckIn.Confidence: TextColumn {}
extension CheckIn.ReviewDecision: TextColumn {}
extension Accountability.SubjectType: TextColumn {}
extension Accountability.State: TextColumn {}
extension Job.State: TextColumn {}
extension LifecyclePhase: TextColumn {}
extension LifecycleRisk: TextColumn {}
extension HealthGrade: TextColumn {}
