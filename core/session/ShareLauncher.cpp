#include "core/session/ShareLauncher.h"

#include "core/input/InputBackendFactory.h"
#include "core/session/SessionLogging.h"

#include <QHostInfo>
#include <QNetworkInterface>
#include <QRandomGenerator>
#include <QTcpServer>

namespace baton {
namespace {

constexpr int kPasscodeDigits = 6;

void logToSession(video::CodecLogLevel level, std::string_view line)
{
    const QString text = QString::fromUtf8(line.data(), qsizetype(line.size()));
    if (level == video::CodecLogLevel::Warning)
        qCWarning(lcSession).noquote() << text;
    else
        qCInfo(lcSession).noquote() << text;
}

bool isSpecific(const QHostAddress &address)
{
    return !address.isNull() && address != QHostAddress::Any && address != QHostAddress::AnyIPv4 &&
        address != QHostAddress::AnyIPv6;
}

} // namespace

ShareLauncher::ShareLauncher(net::CertificateStore::Identity identity)
    : identity_(std::move(identity))
{
}

ShareLauncher::Launch ShareLauncher::launch(ShareRequest request) const
{
    Launch launch;
    HostSessionConfig config = std::move(request.config);
    config.listener.policy.sessionId = newSessionId().toStdString();
    if (request.generatePasscode)
        config.listener.policy.passcode = newPasscode().toStdString();
    if (request.fallBackFromTakenPort && config.listener.port != 0 &&
        isPortTaken(config.listener.bindAddress, config.listener.port)) {
        launch.takenPort = config.listener.port;
        config.listener.port = 0;
    }
    config.advertisedHost = advertisedHost(request.advertise, config.listener.bindAddress,
                                           lanAddresses(), QHostInfo::localHostName());
    if (!config.planner.log)
        config.planner.log = logToSession;

    ShareRequest::Input input;
    if (request.input) {
        input = std::move(*request.input);
    } else {
        InputBackendFactory::Creation created = InputBackendFactory::create(*request.source);
        input = {std::move(created.injector), std::move(created.monitor)};
        launch.inputRefusals = std::move(created.refusals);
    }
    launch.scope = request.scope;
    qCInfo(lcSession).noquote() << "share scope:"
                                << (request.scope == ShareScope::Application
                                        ? "the application's windows"
                                        : "the window alone");
    launch.viewOnly = !input.injector;
    launch.watchesHostInput = input.monitor != nullptr;

    auto session =
        std::make_unique<HostSession>(std::move(request.source), identity_, std::move(config));
    session->setInputInjector(std::move(input.injector));
    session->setLocalInputMonitor(std::move(input.monitor));
    if (request.beforeStart)
        request.beforeStart(*session);
    if (session->start(&launch.error))
        launch.session = std::move(session);
    return launch;
}

QString ShareLauncher::newSessionId()
{
    QString id;
    for (int i = 0; i < 4; ++i)
        id += QStringLiteral("%1").arg(QRandomGenerator::system()->generate(), 8, 16,
                                       QLatin1Char('0'));
    return id;
}

QString ShareLauncher::newPasscode()
{
    QString digits;
    for (int i = 0; i < kPasscodeDigits; ++i)
        digits += QChar(u'0' + char16_t(QRandomGenerator::system()->bounded(10)));
    return digits;
}

QString ShareLauncher::advertisedHost(const QString &advertise, const QHostAddress &bindAddress,
                                      const QList<QHostAddress> &lanAddresses,
                                      const QString &hostName)
{
    if (!advertise.isEmpty())
        return advertise;
    if (isSpecific(bindAddress))
        return bindAddress.toString();
    if (!lanAddresses.isEmpty())
        return lanAddresses.first().toString();
    return hostName;
}

QList<QHostAddress> ShareLauncher::lanAddresses()
{
    QList<QHostAddress> addresses;
    for (const QNetworkInterface &interface : QNetworkInterface::allInterfaces()) {
        const auto flags = interface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp) ||
            !flags.testFlag(QNetworkInterface::IsRunning) ||
            flags.testFlag(QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &entry : interface.addressEntries())
            if (entry.ip().protocol() == QAbstractSocket::IPv4Protocol)
                addresses.append(entry.ip());
    }
    return addresses;
}

bool ShareLauncher::isPortTaken(const QHostAddress &address, quint16 port)
{
    QTcpServer probe;
    return !probe.listen(address, port) &&
        probe.serverError() == QAbstractSocket::AddressInUseError;
}

} // namespace baton
