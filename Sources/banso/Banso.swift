import API
import Credentials
import ArgumentParser

/// `banso`: one binary, several roles.
@main
struct Banso: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "banso",
        abstract: "Banso (伴走): the operating rhythm of a customer-success organisation.",
        discussion: SettingsHelp.text,
        version: BansoVersion.current,
        subcommands: [Serve.self, Worker.self, Migrate.self, Org.self, Demo.self, Secrets.self]
    )
}
