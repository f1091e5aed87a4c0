/// Every documented operation; `/openapi.json` is built from this list and a test holds it equal to the router's.
public enum APIRoutes {
    public static var operations: [OpenAPIOperation] {
        SystemController.operations + AuthController.operations + MeController.operations + OrgController.operations
            + CompanyController.operations + TeamController.operations + MemberController.operations
            + GrantController.operations + TokenController.operations + AuditController.operations
            + InvitationController.operations + PasswordResetController.operations + GoalSettingsController.operations
            + PositionController.operations + AccountabilityController.operations + NotificationController.operations + NotificationPreferenceController.operations + ScheduleController.operations + OrgMailRelayController.operations
            + GoalTreeController.operations + GoalController.operations + CheckInController.operations
            + DashboardController.operations + TransferController.operations + CalendarController.operations
            + AdminJobsController.operations + WebhookController.operations + SecretLinkPagesController.operations
    }
}
