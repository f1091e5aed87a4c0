import Domain
import Testing

@Suite struct SpreadsheetCellTests {
    @Test(arguments: [
        ("=1+1", "'=1+1"), ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"), ("\rx", "'\rx"), ("-12.5", "-12.5"), ("+3", "+3"), ("-inf", "'-inf"), ("下期売上", "下期売上"),
        ("a=b", "a=b"), ("", ""),
    ])
    func formulaStartsBecomeText(_ input: String, _ expected: String) {
        #expect(SpreadsheetCell.neutralised(input) == expected)
    }
}
