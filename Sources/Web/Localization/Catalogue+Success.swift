/// The strings of the pages of success definitions, a customer's success status and the attainment report.
extension Catalogue {
    static let successJapanese: [String: String] = [
        "suc_tabs": "サクセスのページ",
        "suc_tab_definitions": "定義と到達",
        "suc_tab_programs": "プログラム",
        "suc_tab_check_ups": "定期検診",
        "suc_tab_processes": "標準プロセス",
    ]

    static let successEnglish: [String: String] = [
        "suc_tabs": "Success pages",
        "suc_tab_definitions": "Definitions and attainment",
        "suc_tab_programs": "Programs",
        "suc_tab_check_ups": "Check-ups",
        "suc_tab_processes": "Standard processes",
    ]
}
