import Logging
import Settings
import Foundation
public import API
import Hummingbird
import UseCases
import Scheduler
import NIOCore
import HTTPTypes

/// The pages people work in, on the same router as the JSON API: `banso serve` passes ``register(_:_:)`` to
/// `buildApplication`. Public: the sign-in page and the assets. Everything else needs a session cookie and answers
/// errors as pages.
public enum WebPages {
    public static let register: RouteExtension = { router, services in
        let cookie = SessionCookie(publicURL: services.configuration.publicURL)
        let store = services.store
        let signIn = SignInPage(services: services, cookie: cookie)

        for asset in Assets.all {
            router.get(RouterPath(asset.path)) { request, _ in
                var headers: HTTPFields = [
                    .contentType: asset.contentType, .cacheControl: "public, max-age=31536000, immutable", .vary: "Accept-Encoding",
                ]
                if Compression.acceptsGzip(request.headers[.acceptEncoding]), let gzipped = asset.gzipped {
                    headers[.contentEncoding] = "gzip"
                    return Response(status: .ok, headers: headers, body: .init(byteBuffer: gzipped))
                }
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
            }
        }
        let open = router.group().add(middleware: PageCompressionMiddleware()).add(middleware: ErrorPageMiddleware())
        open.get("/login") { request, context in try await signIn.show(request, context) }
        open.post("/login") { request, context in try await signIn.signIn(request, context) }
        open.post("/logout") { request, context in try await signIn.signOut(request, context) }
        let links = AccountLinkPages(services: services, cookie: cookie)
        open.get("/forgot-password") { request, context in try await links.forgot(request, context) }
        open.post("/forgot-password") { request, context in try await links.requestReset(request, context) }
        open.get(RouterPath(Invitations.pagePath)) { request, context in try await links.invitation(request, context) }
        open.post(RouterPath(Invitations.pagePath)) { request, context in try await links.acceptInvitation(request, context) }
        open.get(RouterPath(PasswordResetRequests.pagePath)) { request, context in try await links.reset(request, context) }
        open.post(RouterPath(PasswordResetRequests.pagePath)) { request, context in try await links.setPassword(request, context) }
        registerGoalSheetLinks(open, services)
        registerCheckUpLinks(open, services)

        let pages = router.group()
            .add(middleware: PageCompressionMiddleware())
            .add(middleware: ErrorPageMiddleware())
            .add(middleware: DatabaseAffinityMiddleware())
            .add(middleware: SessionMiddleware(store: store, cookie: cookie, sessionIdle: Double(services.configuration.sessionIdle)))
            .group(context: AuthenticatedContext.self)
            .add(middleware: ErrorPageMiddleware(readerLanguage: { context in
                try? await store.tenant(context) { tx, caller in try await Reader.load(tx, caller).t.language }
            }))
        let home = HomePage(store: store)
        let locale = LocaleSwitch(store: store)
        let tree = GoalTreePage(store: store)
        pages.get("/") { request, context in try await home.show(request, context) }
        pages.get("/goals/tree") { request, context in try await tree.show(request, context) }
        pages.post("/goals") { request, context in try await tree.createKGI(request, context) }
        let goal = GoalPage(store: store)
        pages.get("/goals/:id") { request, context in try await goal.show(request, context) }
        pages.post("/goals/:id/check-in") { request, context in try await goal.recordCheckIn(request, context) }
        pages.post("/goals/:id/bound-value") { request, context in try await goal.recompute(request, context) }
        pages.post("/goals/:id/review") { request, context in try await goal.review(request, context) }
        pages.post("/goals/:id/children") { request, context in try await goal.createChild(request, context) }
        pages.post("/goals/:id/edit") { request, context in try await goal.edit(request, context) }
        pages.post("/goals/:id/move") { request, context in try await goal.move(request, context) }
        pages.post("/goals/:id/archive") { request, context in try await goal.archive(request, context) }
        pages.post("/goals/:id/copy") { request, context in try await goal.copy(request, context) }
        let smartPreview = SmartPreview(store: store)
        pages.post("/goals/smart-check") { request, context in try await smartPreview.check(request, context) }
        let accountabilities = AccountabilitiesPage(store: store)
        pages.get("/accountabilities") { request, context in try await accountabilities.list(request, context) }
        pages.post("/accountabilities") { request, context in try await accountabilities.assign(request, context) }
        pages.get("/accountabilities/:id") { request, context in try await accountabilities.show(request, context) }
        pages.post("/accountabilities/:id/answer") { request, context in try await accountabilities.answer(request, context) }
        let reviews = ReviewQueuePage(store: store)
        pages.get("/reviews") { request, context in try await reviews.show(request, context) }
        let dashboards = DashboardPage(store: store)
        pages.get("/dashboards") { request, context in try await dashboards.show(request, context) }
        let me = MePage(services: services)
        pages.get("/me") { request, context in try await me.show(request, context) }
        pages.post("/me/profile") { request, context in try await me.saveProfile(request, context) }
        pages.post("/me/password") { request, context in try await me.changePassword(request, context) }
        let inbox = InboxPage(store: store)
        pages.get("/me/notifications") { request, context in try await inbox.show(request, context) }
        pages.post("/me/notifications/read") { request, context in try await inbox.markRead(request, context) }
        pages.post("/me/locale") { request, context in try await locale.change(request, context) }
        registerDirectory(pages, services)
        registerOperations(pages, services)
        registerOrganization(pages, services)
        registerCustomers(pages, services)
        registerCustomerReports(pages, services)
        registerCustomerRecords(pages, services)
        registerCustomerTickets(pages, services)
        registerCustomerRevenue(pages, services)
        registerMeetings(pages, services)
        registerSuccess(pages, services)
        registerPrograms(pages, services)
        registerCheckUps(pages, services)
        registerProcesses(pages, services)
    }
}
