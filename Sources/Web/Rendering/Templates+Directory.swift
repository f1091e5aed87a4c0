/// The templates of the directory pages (companies, teams, members and roles, invitations, API tokens).
extension Templates {
    static let directory: [(name: String, bytes: [UInt8])] = [
        ("admin-index", PackageResources.admin_index_mustache),
        ("admin-companies", PackageResources.admin_companies_mustache),
        ("admin-teams", PackageResources.admin_teams_mustache),
        ("admin-team", PackageResources.admin_team_mustache),
        ("admin-members", PackageResources.admin_members_mustache),
        ("admin-member", PackageResources.admin_member_mustache),
        ("admin-invitations", PackageResources.admin_invitations_mustache),
        ("admin-tokens", PackageResources.admin_tokens_mustache),
        ("dir-tokens", PackageResources.dir_tokens_mustache),
    ]
}
