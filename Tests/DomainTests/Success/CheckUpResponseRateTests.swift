import Domain
import Foundation
import Testing

/// Response-rate arithmetic and the warning when it stays below the org's threshold.
@Suite struct CheckUpResponseRateTests {
    let alice = UUID(), bob = UUID(), smb = UUID(), enterprise = UUID()

    func send(csm: UUID?, company: UUID, month: YearMonth, answered: Bool) -> CheckUpSend {
        CheckUpSend(id: UUID(), templateID: UUID(), customerID: UUID(), contactID: UUID(), csmID: csm, companyID: company,
                    sentAt: successInstant(), month: month, expiresAt: successInstant(86_400 * 21), answeredAt: answered ? successInstant(3600) : nil)
    }

    func month(_ m: Int, _ y: Int = 2027) -> YearMonth { YearMonth(year: y, month: m) }

    @Test func ratesPerCSMCompanyAndMonthAddCounts() {
        let report = ResponseRateReport(sends: [
            send(csm: alice, company: smb, month: month(1), answered: true),
            send(csm: alice, company: smb, month: month(1), answered: false),
            send(csm: alice, company: enterprise, month: month(2), answered: false),
            send(csm: bob, company: smb, month: month(2), answered: true),
            send(csm: nil, company: smb, month: month(2), answered: false),
        ])
        #expect(report.monthly(.csm(alice)) == [month(1): ResponseRate(sent: 2, answered: 1), month(2): ResponseRate(sent: 1, answered: 0)])
        #expect(report.monthly(.company(smb))[month(2)] == ResponseRate(sent: 2, answered: 1))
        #expect(report.monthly(.csm(nil))[month(2)] == ResponseRate(sent: 1, answered: 0), "customers without a CSM are their own group")
        #expect(report.monthly(.org)[month(2)] == ResponseRate(sent: 3, answered: 1))
        #expect(report.combined(.org, over: [month(1), month(2), month(3)]) == ResponseRate(sent: 5, answered: 2))
        #expect(report.combined(.org, over: [month(1), month(2)]).percent == 40)
        #expect(report.groups.count == 1 + 3 + 2)
        #expect(ResponseRate.zero.rate == nil, "no sends is no rate, not 0 %")
    }

    @Test func theWarningUsesTheCombinedRateOfTheLastThreeCompleteMonths() {
        let april = month(4)
        #expect(ResponseRateWarning.window(before: april) == [month(1), month(2), month(3)])
        #expect(ResponseRateWarning.window(before: month(2)) == [month(11, 2026), month(12, 2026), month(1)], "across a year end")

        // Each month looks different, the quarter is what counts: 1 of 3, 0 of 4, 1 of 3 = 2 of 10 → 20 % < 30 %.
        let noisy = [month(1): ResponseRate(sent: 3, answered: 1), month(2): ResponseRate(sent: 4, answered: 0), month(3): ResponseRate(sent: 3, answered: 1)]
        #expect(ResponseRateWarning.verdict(monthly: noisy, current: april) == .below(ResponseRate(sent: 10, answered: 2)))
        // Exactly at the threshold is not below it: 3 of 10.
        let atThreshold = [month(1): ResponseRate(sent: 10, answered: 3)]
        #expect(ResponseRateWarning.verdict(monthly: atThreshold, current: april) == .fine(ResponseRate(sent: 10, answered: 3)))
        #expect(ResponseRateWarning.verdict(monthly: atThreshold, current: april, thresholdPercent: 31).isWarning)
    }

    @Test func edgesZeroSendsPartialMonthsAndTooFewSends() {
        let april = month(4)
        #expect(ResponseRateWarning.verdict(monthly: [:], current: april) == .notEnoughSends(.zero), "nothing sent: no verdict")
        // The current month is still open and never counts; neither does anything older than the window.
        let outside = [april: ResponseRate(sent: 50, answered: 0), month(12, 2026): ResponseRate(sent: 50, answered: 0),
                       month(3): ResponseRate(sent: 2, answered: 2)]
        #expect(ResponseRateWarning.verdict(monthly: outside, current: april) == .fine(ResponseRate(sent: 2, answered: 2)))
        // A window with sends in one month only is judged on those.
        let oneMonth = [month(2): ResponseRate(sent: 5, answered: 1)]
        #expect(ResponseRateWarning.verdict(monthly: oneMonth, current: april).isWarning)
        #expect(ResponseRateWarning.verdict(monthly: oneMonth, current: april, minimumSends: 6) == .notEnoughSends(ResponseRate(sent: 5, answered: 1)))
        #expect(ResponseRate(sent: 0, answered: 0).isBelow(thresholdPercent: 30) == false)
    }
}
