#include "core/issd/IssdAgentLauncher.h"

#include "core/net/CertificateStore.h"

#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
#include "core/issd/x11/XcbScreenSnapshotter.h"
#endif

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTextStream>

namespace baton::issd {
namespace {

QString defaultSecretFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/issd-keys");
}

} // namespace

IssdAgentLauncher::IssdAgentLauncher(QString program) : program_(std::move(program)) { }

IssdAgentLauncher::~IssdAgentLauncher()
{
    // The agent uses the display system and the snapshotter: it goes first.
    agent_.reset();
}

// --set-secret: reads one line from stdin and stores only its salted key.
int IssdAgentLauncher::setSecret(const QString &path, const QString &keyId)
{
    QTextStream err(stderr);
    const QByteArray secret = QTextStream(stdin).readLine().toUtf8();
    if (secret.size() < 12) {
        err << program_ << ": the secret must have at least 12 characters\n";
        return kExitUsage;
    }
    QString error;
    IssdSecretStore store;
    if (QFile::exists(path)) {
        auto existing = IssdSecretStore::load(path, &error);
        if (!existing) {
            err << program_ << ": " << error << '\n';
            return kExitFailure;
        }
        store = *existing;
    }
    store.setSecret(keyId, secret);
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (!store.save(path, &error)) {
        err << program_ << ": " << error << '\n';
        return kExitFailure;
    }
    QTextStream(stdout) << "stored a salted key for '" << keyId << "' in " << path << '\n';
    return kExitOk;
}

std::optional<int> IssdAgentLauncher::start(const QStringList &args, const std::function<void(IssdAgent &)> &plugIn)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Run an ISSD display agent: room displays managed over TCP/UDP 1600."));
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("TCP port (default 1600)."), QStringLiteral("N"), QStringLiteral("1600"));
    const QCommandLineOption udpPort(QStringLiteral("udp-port"), QStringLiteral("UDP port for discovery and events (default: the TCP port)."), QStringLiteral("N"));
    const QCommandLineOption noUdp(QStringLiteral("no-udp"), QStringLiteral("No discovery and no event datagrams."));
    const QCommandLineOption bind(QStringLiteral("bind"), QStringLiteral("Address to listen on (default: all)."), QStringLiteral("ADDRESS"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("The agent's label (default: host name)."), QStringLiteral("NAME"));
    const QCommandLineOption secretFile(QStringLiteral("secret-file"), QStringLiteral("Salted keys (default: %1).").arg(defaultSecretFile()), QStringLiteral("FILE"), defaultSecretFile());
    const QCommandLineOption keyId(QStringLiteral("key"), QStringLiteral("Key id for --set-secret (default: default)."), QStringLiteral("ID"), QStringLiteral("default"));
    const QCommandLineOption setSecretOption(QStringLiteral("set-secret"), QStringLiteral("Read a secret from stdin, store its salted key in the secret file, and exit."));
    const QCommandLineOption tls(QStringLiteral("tls"), QStringLiteral("required (default) or optional: whether AUTH needs STARTTLS first."), QStringLiteral("POLICY"), QStringLiteral("required"));
    const QCommandLineOption tlsDir(QStringLiteral("tls-dir"), QStringLiteral("Where the agent's certificate lives (default: %1).").arg(net::CertificateStore::defaultDirectory()), QStringLiteral("DIR"), net::CertificateStore::defaultDirectory());
    const QCommandLineOption x11Display(QStringLiteral("display"), QStringLiteral("X display to manage (default: $DISPLAY)."), QStringLiteral("DISPLAY"));
    const QCommandLineOption noDdc(QStringLiteral("no-ddc"), QStringLiteral("Do not use ddcutil for DDC/CI."));
    parser.addOptions({port, udpPort, noUdp, bind, name, secretFile, keyId, setSecretOption, tls, tlsDir, x11Display, noDdc});
    if (!parser.parse(QStringList{program_} + args)) {
        err << program_ << ": " << parser.errorText() << '\n';
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return kExitOk;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err << program_ << ": unexpected argument '" << parser.positionalArguments().first() << "'\n";
        return kExitUsage;
    }
    if (parser.isSet(setSecretOption))
        return setSecret(parser.value(secretFile), parser.value(keyId));

    IssdAgentConfig config;
    bool ok = false;
    config.tcpPort = quint16(parser.value(port).toUInt(&ok));
    config.udpPort = parser.isSet(udpPort) ? quint16(parser.value(udpPort).toUInt(&ok)) : config.tcpPort;
    if (!ok) {
        err << program_ << ": ports are numbers 0..65535\n";
        return kExitUsage;
    }
    config.udp = !parser.isSet(noUdp);
    if (parser.isSet(bind) && !config.bindAddress.setAddress(parser.value(bind))) {
        err << program_ << ": not an address: " << parser.value(bind) << '\n';
        return kExitUsage;
    }
    config.name = parser.value(name);
    const QString policy = parser.value(tls);
    if (policy != u"required" && policy != u"optional") {
        err << program_ << ": --tls is required or optional\n";
        return kExitUsage;
    }
    config.tls = policy == u"required" ? TlsPolicy::Required : TlsPolicy::Optional;

    QString error;
    const auto secrets = IssdSecretStore::load(parser.value(secretFile), &error);
    if (!secrets || secrets->isEmpty()) {
        err << program_ << ": " << (secrets ? QStringLiteral("no keys in ") + parser.value(secretFile) : error)
            << "\n  create one with: " << program_ << " --set-secret --secret-file " << parser.value(secretFile)
            << " < file-with-the-secret\n";
        return kExitFailure;
    }
    const auto identity = net::CertificateStore(parser.value(tlsDir)).loadOrCreate(&error);
    if (!identity) {
        err << program_ << ": " << error << '\n';
        return kExitFailure;
    }
    display::DisplaySystemOptions displayOptions;
    displayOptions.x11Display = parser.value(x11Display);
    if (parser.isSet(noDdc))
        displayOptions.ddcutilProgram.clear();
    displays_ = display::createDisplaySystem(displayOptions, &error);
    if (!displays_) {
        err << program_ << ": no display backend: " << error << '\n';
        return kExitFailure;
    }
    // Snapshots work headless through xcb.
    QString why = QStringLiteral("no screen capture for this window system");
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    snapshotter_ = XcbScreenSnapshotter::create(displayOptions.x11Display, &why);
#endif
    agent_ = std::make_unique<IssdAgent>(config, *secrets, *displays_);
    agent_->setTlsIdentity(identity->certificate, identity->privateKey);
    if (snapshotter_)
        agent_->setSnapshotter(snapshotter_.get());
    if (plugIn)
        plugIn(*agent_);
    if (!agent_->start(&error)) {
        err << program_ << ": " << error << '\n';
        agent_.reset();
        return kExitFailure;
    }
    out << "ISSD agent " << agent_->serverId() << " listening on TCP " << agent_->tcpPort();
    if (config.udp)
        out << ", UDP " << agent_->udpPort();
    out << "\ndisplays through " << displays_->layout->name() << "; TLS " << policy
        << ", certificate SHA-256 " << identity->fingerprint.toHex(':') << '\n';
    for (const QString &refusal : std::as_const(displays_->refusals))
        out << "unavailable: " << refusal << '\n';
    if (!snapshotter_)
        out << "unavailable: snapshot: " << why << '\n';
    out.flush();
    return std::nullopt;
}

} // namespace baton::issd
