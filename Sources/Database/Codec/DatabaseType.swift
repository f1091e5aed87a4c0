/// A PostgreSQL type, by OID. Parameters carry one so the server reads them as the Swift type meant; the
/// ``unknown`` type lets the server infer it from context, as it does for a quoted literal.
public struct DatabaseType: Hashable, Sendable, CustomStringConvertible {
    public let oid: UInt32
    public init(oid: UInt32) { self.oid = oid }

    public static let unknown = DatabaseType(oid: 0)
    public static let bool = DatabaseType(oid: 16)
    public static let bytea = DatabaseType(oid: 17)
    public static let int8 = DatabaseType(oid: 20)
    public static let int2 = DatabaseType(oid: 21)
    public static let int4 = DatabaseType(oid: 23)
    public static let text = DatabaseType(oid: 25)
    public static let oidType = DatabaseType(oid: 26)
    public static let json = DatabaseType(oid: 114)
    public static let float4 = DatabaseType(oid: 700)
    public static let float8 = DatabaseType(oid: 701)
    public static let varchar = DatabaseType(oid: 1043)
    public static let date = DatabaseType(oid: 1082)
    public static let timestamp = DatabaseType(oid: 1114)
    public static let timestamptz = DatabaseType(oid: 1184)
    public static let numeric = DatabaseType(oid: 1700)
    public static let uuid = DatabaseType(oid: 2950)
    public static let jsonb = DatabaseType(oid: 3802)

    static let arrayOfElement: [UInt32: UInt32] = [
        16: 1000, 17: 1001, 20: 1016, 21: 1005, 23: 1007, 25: 1009, 114: 199, 700: 1021, 701: 1022, 1043: 1015,
        1082: 1182, 1114: 1115, 1184: 1185, 1700: 1231, 2950: 2951, 3802: 3807,
    ]
    static let elementOfArray: [UInt32: UInt32] = Dictionary(uniqueKeysWithValues: arrayOfElement.map { ($1, $0) })

    /// The array type whose elements are of this type (`unknown` stays `unknown`, so `= ANY($1)` can infer it).
    public var arrayType: DatabaseType {
        DatabaseType(oid: Self.arrayOfElement[oid] ?? 0)
    }
    /// The element type when this is an array type.
    public var elementType: DatabaseType? {
        Self.elementOfArray[oid].map(DatabaseType.init(oid:))
    }

    static let names: [UInt32: String] = [
        0: "unknown", 16: "bool", 17: "bytea", 20: "int8", 21: "int2", 23: "int4", 25: "text", 26: "oid", 114: "json",
        700: "float4", 701: "float8", 1043: "varchar", 1082: "date", 1114: "timestamp", 1184: "timestamptz",
        1700: "numeric", 2950: "uuid", 3802: "jsonb", 1000: "bool[]", 1001: "bytea[]", 1016: "int8[]", 1005: "int2[]",
        1007: "int4[]", 1009: "text[]", 1015: "varchar[]", 1182: "date[]", 1185: "timestamptz[]", 1231: "numeric[]",
        2951: "uuid[]", 3807: "jsonb[]", 1022: "float8[]", 1021: "float4[]", 19: "name", 18: "char", 1042: "bpchar",
    ]
    public var description: String { Self.names[oid] ?? "oid \(oid)" }

    var isInteger: Bool { oid == 20 || oid == 21 || oid == 23 || oid == 26 }
}
