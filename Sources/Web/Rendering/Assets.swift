import Logging
import Settings
import Crypto
import Foundation
import NIOCore

/// The one stylesheet and the one script, served under names that carry a hash of their content so browsers may
/// keep them for a year and still see a change at once.
enum Assets {
    struct Asset: Sendable {
        let path: String
        let bytes: [UInt8]
        /// The same, gzipped once at start.
        let gzipped: ByteBuffer?
        let contentType: String
    }

    /// One stylesheet, written in a file per group of pages and served as one.
    static let stylesheet = make(
        "app", "css",
        PackageResources.app_css + PackageResources.directory_css + PackageResources.operations_css + PackageResources.organization_css
            + PackageResources.customers_css + PackageResources.customer_reports_css
            + PackageResources.customer_records_css + PackageResources.customer_tickets_css + PackageResources.customer_revenue_css
            + PackageResources.meetings_css + PackageResources.goal_sheet_link_css + PackageResources.check_up_link_css
            + PackageResources.success_css + PackageResources.programs_css + PackageResources.check_ups_css + PackageResources.processes_css,
        "text/css; charset=utf-8")
    static let script = make("app", "js", PackageResources.app_js, "text/javascript; charset=utf-8")
    static let all = [stylesheet, script]

    private static func make(_ name: String, _ ext: String, _ bytes: [UInt8], _ type: String) -> Asset {
        let digest = SHA256.hash(data: bytes).prefix(6).map { String(format: "%02x", $0) }.joined()
        return Asset(
            path: "/assets/\(name).\(digest).\(ext)", bytes: bytes, gzipped: Compression.gzip(ByteBuffer(bytes: bytes)),
            contentType: type)
    }
}
