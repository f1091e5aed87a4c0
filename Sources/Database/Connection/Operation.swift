import CLibPQ

/// What one round of work on a connection is waiting for.
struct Operation: Sendable {
    enum Kind: Sendable {
        case connect, pipeline, simple
    }

    /// One command sent: its text (to name it in an error) and whether its result goes back to the caller.
    struct Command: Sendable {
        let sql: String
        let keep: Bool
    }

    let kind: Kind
    let continuation: UnsafeContinuation<OperationOutcome, Never>
    var commands: [Command] = []
    var received = 0
    var kept: [ResultStorage] = []
    var error: DatabaseError?
    /// Statements first prepared by this operation; forgotten again if it fails, since the prepare may have too.
    var prepared: [String] = []

    init(kind: Kind, continuation: UnsafeContinuation<OperationOutcome, Never>) {
        self.kind = kind
        self.continuation = continuation
    }

    mutating func receive(_ result: OpaquePointer, status: ExecStatusType) {
        let index = received
        received += 1
        let command = kind == .simple ? commands.first : (index < commands.count ? commands[index] : nil)
        switch status {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
            if error == nil, command?.keep ?? false {
                kept.append(ResultStorage(result))
            } else {
                PQclear(result)
            }
        case PGRES_FATAL_ERROR:
            if error == nil { error = DatabaseError(result: result, query: command?.sql) }
            PQclear(result)
        case PGRES_PIPELINE_ABORTED:
            PQclear(result)
        default:
            if error == nil {
                error = DatabaseError(
                    code: .protocolViolation, message: "unsupported result status \(status.rawValue) (COPY?)",
                    query: command?.sql)
            }
            PQclear(result)
        }
    }

    /// Releases results that will not be delivered.
    mutating func drop() {
        kept = []
    }
}

extension DatabaseError {
    /// Reads the server's error fields from a failed result.
    init(result: OpaquePointer, query: String?) {
        func field(_ code: UInt8) -> String? {
            PQresultErrorField(result, Int32(code)).map { String(cString: $0) }
        }
        self.init(
            code: .server,
            message: field(UInt8(ascii: "M")) ?? "unknown error",
            sqlState: field(UInt8(ascii: "C")),
            detail: field(UInt8(ascii: "D")),
            hint: field(UInt8(ascii: "H")),
            constraint: field(UInt8(ascii: "n")),
            table: field(UInt8(ascii: "t")),
            column: field(UInt8(ascii: "c")),
            query: query)
    }
}
