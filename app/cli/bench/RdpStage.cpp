#include "RdpStage.h"

#include "core/common/InviteLink.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace baton::cli {
namespace {

constexpr int kServerStartMs = 20000;
constexpr int kClientJoinMs = 4000;
constexpr int kClientJoinMinMs = 30000;

// A line on the process's stdout, the event loop running meanwhile; empty when none came.
QString readLine(QProcess *process, int timeoutMs)
{
    E2eHarness::spinUntil(
        [process] { return process->canReadLine() || process->state() == QProcess::NotRunning; },
        timeoutMs);
    return process->canReadLine() ? QString::fromUtf8(process->readLine()).trimmed() : QString();
}

// How many xfreerdp windows DISPLAY shows. xfreerdp maps its window once the server has
// taken its logon and activated it, so this counts the clients that got in.
int rdpWindows(const QString &display)
{
    QProcess search;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DISPLAY"), display);
    search.setProcessEnvironment(env);
    search.start(QStringLiteral("xdotool"),
                 {QStringLiteral("search"), QStringLiteral("--onlyvisible"),
                  QStringLiteral("--name"), QStringLiteral("^FreeRDP: ")});
    search.waitForFinished(5000);
    return int(QString::fromLatin1(search.readAllStandardOutput())
                   .split(QLatin1Char('\n'), Qt::SkipEmptyParts)
                   .size());
}

} // namespace

RdpStage::RdpStage(quint16 hostPort) : nativeProxy_(hostPort), gatewayProxy_(hostPort)
{
}

std::unique_ptr<RdpStage> RdpStage::start(E2eHarness &harness, const QString &hostDisplay,
                                          const QString &clientDisplay, E2eWorkload workload,
                                          int clients, const QString &workDir, QString *error)
{
    const QString self = QCoreApplication::applicationFilePath();
    const auto window = startWorkload(harness, hostDisplay, workload, workDir, error);
    if (!window)
        return nullptr;
    QProcess *host =
        harness.start(hostDisplay, self,
                      {QStringLiteral("host"), QStringLiteral("--window"), QString::number(*window),
                       QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                       QStringLiteral("--port"), QStringLiteral("0")});
    auto link = InviteLink::parse(readLine(host, kServerStartMs), error);
    if (!link) {
        *error = QStringLiteral("baton-cli host gave no invite link: %1 %2")
                     .arg(*error, QString::fromLocal8Bit(host->readAllStandardError()));
        return nullptr;
    }
    std::unique_ptr<RdpStage> stage(new RdpStage(link->port));
    stage->host_ = host;
    if (!stage->nativeProxy_.listen(error) || !stage->gatewayProxy_.listen(error))
        return nullptr;
    link->host = QStringLiteral("127.0.0.1");

    link->port = stage->nativeProxy_.port();
    stage->native_ = harness.start(hostDisplay, self,
                                   {QStringLiteral("join"), link->toString(),
                                    QStringLiteral("--name"), QStringLiteral("bench-native")});
    QByteArray said;
    if (!E2eHarness::spinUntil(
            [&] {
                said += stage->native_->readAllStandardError();
                return said.contains("joined ") || stage->native_->state() == QProcess::NotRunning;
            },
            kServerStartMs) ||
        !said.contains("joined ")) {
        *error = QStringLiteral("baton-cli join did not join: ") + QString::fromLocal8Bit(said);
        return nullptr;
    }

    link->port = stage->gatewayProxy_.port();
    stage->gateway_ =
        harness.start(hostDisplay, self,
                      {QStringLiteral("rdp-gateway"), link->toString(), QStringLiteral("--bind"),
                       QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QStringLiteral("0"),
                       QStringLiteral("--name"), QStringLiteral("bench-gateway")});
    const QRegularExpressionMatch address =
        QRegularExpression(QStringLiteral("^rdp://[^ ]+:(\\d+)$"))
            .match(readLine(stage->gateway_, kServerStartMs));
    const QString password = readLine(stage->gateway_, kServerStartMs);
    if (!address.hasMatch() || !password.startsWith(QLatin1String("password: "))) {
        *error = QStringLiteral("baton-cli rdp-gateway gave no address and password: ") +
            QString::fromLocal8Bit(stage->gateway_->readAllStandardError().right(2000));
        return nullptr;
    }
    stage->rdpProxy_ = std::make_unique<CountingProxy>(quint16(address.captured(1).toUInt()));
    if (!stage->rdpProxy_->listen(error))
        return nullptr;
    for (int i = 0; i < clients; ++i)
        stage->clients_.push_back(harness.start(
            clientDisplay, QStringLiteral("xfreerdp"),
            {QStringLiteral("/v:127.0.0.1:%1").arg(stage->rdpProxy_->port()),
             QStringLiteral("/u:bench"), QStringLiteral("/p:") + password.mid(10),
             QStringLiteral("/sec:tls"), QStringLiteral("/cert:ignore"), QStringLiteral("/bpp:32"),
             QStringLiteral("/client-hostname:bench-rdp-%1").arg(i),
             QStringLiteral("/log-level:ERROR")}));
    if (!E2eHarness::spinUntil(
            [&] { return rdpWindows(clientDisplay) >= clients || !stage->whatEnded().isEmpty(); },
            std::max(kClientJoinMinMs, kClientJoinMs * clients)) ||
        !stage->whatEnded().isEmpty()) {
        *error = QStringLiteral("not every xfreerdp got in (%1 of %2): %3")
                     .arg(rdpWindows(clientDisplay))
                     .arg(clients)
                     .arg(stage->whatEnded());
        return nullptr;
    }
    // The host's typing, as in bench e2e: xdotool on the host's display.
    startInput(harness, hostDisplay, workload, *window);
    return stage;
}

RdpStage::Counters RdpStage::counters() const
{
    Counters now;
    now.gatewayCpuS = E2eHarness::cpuSeconds(gateway_->processId());
    now.hostCpuS = E2eHarness::cpuSeconds(host_->processId());
    now.bytesToNative = nativeProxy_.bytesServerToClient();
    now.bytesToGateway = gatewayProxy_.bytesServerToClient();
    now.bytesToRdpClients = rdpProxy_->bytesServerToClient();
    now.bytesFromRdpClients = rdpProxy_->bytesClientToServer();
    return now;
}

QString RdpStage::whatEnded() const
{
    const auto ended = [](QProcess *process, const QString &name) {
        if (process->state() != QProcess::NotRunning)
            return QString();
        return QStringLiteral("%1 ended (exit %2): %3")
            .arg(name)
            .arg(process->exitCode())
            .arg(QString::fromLocal8Bit(
                (process->readAllStandardError() + process->readAllStandardOutput()).right(1000)));
    };
    QString what = ended(host_, QStringLiteral("baton-cli host"));
    if (what.isEmpty() && native_)
        what = ended(native_, QStringLiteral("baton-cli join"));
    if (what.isEmpty() && gateway_)
        what = ended(gateway_, QStringLiteral("baton-cli rdp-gateway"));
    for (std::size_t i = 0; i < clients_.size() && what.isEmpty(); ++i)
        what = ended(clients_[i], QStringLiteral("xfreerdp %1").arg(i));
    return what;
}

} // namespace baton::cli
