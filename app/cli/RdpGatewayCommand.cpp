#include "RdpGatewayCommand.h"

#include "CliCommands.h"
#include "LinkArgument.h"
#include "SignalNotifier.h"
#include "core/net/CertificateStore.h"
#include "core/rdp/RdpGateway.h"
#include "core/rdp/RdpLogging.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <optional>

namespace baton::cli {
namespace {

void printUsage(QTextStream &out, const QCommandLineParser &parser)
{
    out << "Usage: baton-cli rdp-gateway LINK [OPTIONS]\n\n"
        << "Joins the share of the invite link as one viewer and serves it to RDP clients\n"
        << "(mstsc, FreeRDP, Remmina, Microsoft Remote Desktop). Each RDP client joins the\n"
        << "share in the host's roster; Ctrl+Alt+Space asks for the floor or gives it back,\n"
        << "and with the floor policy auto or collaborate typing or clicking asks for it.\n"
        << "Once serving, stdout has three lines: 'rdp://HOST:PORT', 'password: PASSWORD'\n"
        << "(the share's passcode, or one made up when it has none) and 'certificate:\n"
        << "SHA-256 AB:CD:...' (what RDP clients show of the server's certificate). Runs\n"
        << "until the share ends or SIGINT/SIGTERM; the RDP clients are told why.\n\n"
        << parser.helpText().section(QLatin1Char('\n'), 2);
}

// The certificate RDP clients see: Baton's own (the one a host on this machine uses), so
// that a client that was told to trust it once keeps trusting it; a fresh one when that
// store cannot be read.
std::optional<net::CertificateStore::Identity> gatewayIdentity(QTextStream &err)
{
    QString error;
    auto identity =
        net::CertificateStore(net::CertificateStore::defaultDirectory()).loadOrCreate(&error);
    if (identity)
        return identity;
    err << "baton-cli rdp-gateway: " << error << "; using a new certificate for this run\n";
    identity = net::CertificateStore::generate(QStringLiteral("Baton RDP gateway"), &error);
    if (!identity)
        err << "baton-cli rdp-gateway: no certificate: " << error << '\n';
    return identity;
}

// Whether the share ended as shares end, rather than by failing.
bool endedWell(const net::CloseInfo &info)
{
    return info.reason == protocol::CloseReason::HostEnded ||
        info.reason == protocol::CloseReason::WindowClosed ||
        (info.reason == protocol::CloseReason::ViewerLeft &&
         info.origin == net::CloseInfo::Origin::Local);
}

} // namespace

int runRdpGateway(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("LINK"),
        QStringLiteral("The invite link (-: read it from standard input)."));
    parser.addOptions({
        {QStringLiteral("port"), QStringLiteral("TCP port for RDP clients (0: any free one)."),
         QStringLiteral("N"), QStringLiteral("3389")},
        {QStringLiteral("bind"), QStringLiteral("Address to listen on (default: all)."),
         QStringLiteral("ADDR")},
        {QStringLiteral("name"), QStringLiteral("The gateway's name in the roster."),
         QStringLiteral("NAME"), QStringLiteral("RDP gateway")},
    });
    if (!parser.parse(QStringList{QStringLiteral("rdp-gateway")} + args)) {
        err << "baton-cli rdp-gateway: " << parser.errorText() << '\n';
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printUsage(out, parser);
        return kExitOk;
    }
    if (parser.positionalArguments().size() != 1) {
        err << "baton-cli rdp-gateway: give exactly one invite link\n";
        return kExitUsage;
    }
    QString error;
    const auto link = linkArgument(parser.positionalArguments().first(), &error);
    if (!link) {
        err << "baton-cli rdp-gateway: " << error << '\n';
        return kExitUsage;
    }
    rdp::RdpGatewayConfig config;
    config.link = *link;
    config.name = parser.value(QStringLiteral("name")).trimmed();
    if (config.name.isEmpty()) {
        err << "baton-cli rdp-gateway: --name takes a name\n";
        return kExitUsage;
    }
    bool portOk = false;
    const uint port = parser.value(QStringLiteral("port")).toUInt(&portOk);
    if (!portOk || port > 65535) {
        err << "baton-cli rdp-gateway: --port takes a number from 0 to 65535\n";
        return kExitUsage;
    }
    config.port = quint16(port);
    if (parser.isSet(QStringLiteral("bind")) &&
        !config.bindAddress.setAddress(parser.value(QStringLiteral("bind")))) {
        err << "baton-cli rdp-gateway: --bind takes an IP address\n";
        return kExitUsage;
    }
    const auto identity = gatewayIdentity(err);
    if (!identity)
        return kExitFailure;
    config.identity = *identity;
    // FreeRDP writes its log to stdout otherwise, among the three lines.
    rdp::routeFreeRdpLogging();

    rdp::RdpGateway gateway(std::move(config));
    int exitCode = kExitOk;
    bool stopping = false;
    // Before joining: a SIGTERM before the handler is installed would end the process
    // without a Goodbye to the host.
    SignalNotifier stopSignals;
    QObject::connect(&stopSignals, &SignalNotifier::stopRequested, [&] {
        if (stopping) { // a second signal while the clients read why: now
            QCoreApplication::exit(exitCode);
            return;
        }
        stopping = true;
        gateway.leave();
    });
    QObject::connect(&gateway, &rdp::RdpGateway::serving, [&] {
        out << gateway.address() << '\n'
            << "password: " << gateway.password() << '\n'
            << "certificate: SHA-256 " << gateway.fingerprint() << Qt::endl;
        err << "joined " << gateway.viewer().hostName() << " as user " << gateway.viewer().userId()
            << "; serving RDP on port " << gateway.port() << ". Ctrl+C leaves the share.\n";
        err.flush();
    });
    QObject::connect(&gateway, &rdp::RdpGateway::failed, [&](const QString &why) {
        err << "baton-cli rdp-gateway: " << why << '\n';
        err.flush();
        QCoreApplication::exit(stopping ? kExitOk : kExitFailure);
    });
    QObject::connect(&gateway, &rdp::RdpGateway::shareEnded,
                     [&](const net::CloseInfo &info, const QString &message) {
                         if (!endedWell(info))
                             exitCode = kExitFailure;
                         err << "left: " << info.text() << "\nTelling " << gateway.clientCount()
                             << " RDP clients: " << message << '\n';
                         err.flush();
                     });
    QObject::connect(&gateway, &rdp::RdpGateway::finished, [&] {
        err << "RDP gateway stopped\n";
        err.flush();
        QCoreApplication::exit(exitCode);
    });
    gateway.start();
    return QCoreApplication::exec();
}

} // namespace baton::cli
