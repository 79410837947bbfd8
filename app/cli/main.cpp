// baton-cli: Baton without a display, for servers, scripts and benchmarks.

#include "BatonVersion.h"
#include "CliCommands.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTextStream>

#include <cstring>
#include <memory>

namespace {

void printUsage(QTextStream &out)
{
    out << "Usage: baton-cli COMMAND [OPTIONS]\n\n"
        << "Baton " << baton::kVersion << ", multipoint application sharing, headless.\n\n"
        << "Commands:\n";
    for (const auto &command : baton::cli::commands())
        out << "  " << QString::fromLatin1(command.name).leftJustified(12) << command.summary
            << '\n';
    out << "\nOptions:\n"
        << "  -h, --help     Show this help\n"
        << "  -v, --version  Show the version\n\n"
        << "Run 'baton-cli COMMAND --help' for a command's options.\n";
}

} // namespace

int main(int argc, char *argv[])
{
    // The codec benchmark renders its corpus (text, widgets) and the RDP gateway its end
    // message with Qt Gui, which needs a QGuiApplication; on the offscreen platform it
    // needs no display. Everything else runs on a plain QCoreApplication.
    const bool rendersText = (argc >= 3 && std::strcmp(argv[1], "bench") == 0 &&
                              std::strcmp(argv[2], "codec") == 0) ||
        (argc >= 2 && std::strcmp(argv[1], "rdp-gateway") == 0);
    if (rendersText)
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const std::unique_ptr<QCoreApplication> app = rendersText
        ? std::make_unique<QGuiApplication>(argc, argv)
        : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("baton-cli"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(baton::kVersion));
    QCoreApplication::setOrganizationName(QStringLiteral("Baton"));

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    QTextStream out(stdout);
    QTextStream err(stderr);

    if (args.isEmpty()) {
        printUsage(err);
        return baton::cli::kExitUsage;
    }
    const QString first = args.takeFirst();
    if (first == QLatin1String("-h") || first == QLatin1String("--help")) {
        printUsage(out);
        return baton::cli::kExitOk;
    }
    if (first == QLatin1String("-v") || first == QLatin1String("--version")) {
        out << "baton-cli " << baton::kVersion << '\n';
        return baton::cli::kExitOk;
    }
    for (const auto &command : baton::cli::commands()) {
        if (first == QLatin1String(command.name))
            return command.run(args);
    }
    err << "baton-cli: unknown command '" << first << "'\n\n";
    printUsage(err);
    return baton::cli::kExitUsage;
}
