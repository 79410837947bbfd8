#include "ui/share/RdpGatewayProcess.h"

#include "ui/share/Logging.h"

#include <QCoreApplication>
#include <QStandardPaths>

namespace baton::ui {
namespace {

const QString kExecutable = QStringLiteral("baton-cli");
// What the gateway says on stderr when it fails, and when its viewer left the share.
const QByteArray kErrorPrefix = QByteArrayLiteral("baton-cli rdp-gateway: ");
const QByteArray kLeftPrefix = QByteArrayLiteral("left: ");
// The three lines the gateway prints once it listens (app/cli's rdp-gateway).
const QString kAddressPrefix = QStringLiteral("rdp://");
const QString kPasswordPrefix = QStringLiteral("password: ");
const QString kCertificatePrefix = QStringLiteral("certificate: ");
// Its lines are short; anything longer is not an announcement and is not kept.
constexpr qint64 kMaxLineBytes = 1024;
// Enough for the last few lines, which say why it failed.
constexpr qsizetype kMaxErrorBytes = 4096;

} // namespace

RdpGatewayProcess::RdpGatewayProcess(QString program, QObject *parent)
    : QObject(parent), program_(std::move(program))
{
    killTimer_.setSingleShot(true);
    connect(&killTimer_, &QTimer::timeout, &process_, &QProcess::kill);
    connect(&process_, &QProcess::readyReadStandardOutput, this,
            &RdpGatewayProcess::readAnnouncement);
    connect(&process_, &QProcess::readyReadStandardError, this, &RdpGatewayProcess::readErrors);
    connect(&process_, &QProcess::finished, this, &RdpGatewayProcess::onFinished);
    connect(&process_, &QProcess::errorOccurred, this, &RdpGatewayProcess::onError);
    // Kept for the log: the process forgets its id once it has ended.
    connect(&process_, &QProcess::started, this, [this] { pid_ = process_.processId(); });
}

RdpGatewayProcess::~RdpGatewayProcess()
{
    if (process_.state() == QProcess::NotRunning)
        return;
    disconnect(&process_, nullptr, this, nullptr);
    // A stopping gateway already had its first SIGTERM.
    for (int signal = stopping_ ? 1 : 0; signal < 2; ++signal) {
        process_.terminate();
        if (process_.waitForFinished(kQuitGraceMs))
            return;
    }
    qCWarning(lcShare) << "RDP gateway" << pid_ << "did not leave after SIGTERM; killed";
    process_.kill();
    process_.waitForFinished(kQuitGraceMs);
}

QString RdpGatewayProcess::defaultProgram()
{
    const QString beside =
        QStandardPaths::findExecutable(kExecutable, {QCoreApplication::applicationDirPath()});
    return beside.isEmpty() ? QStandardPaths::findExecutable(kExecutable) : beside;
}

void RdpGatewayProcess::start(const InviteLink &link, quint16 port)
{
    if (process_.state() != QProcess::NotRunning || over_)
        return;
    if (program_.isEmpty()) {
        // From the event loop, as every other outcome.
        over_ = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                emit failed(tr("%1 was found neither beside this program nor on the PATH")
                                .arg(kExecutable));
            },
            Qt::QueuedConnection);
        return;
    }
    process_.setProgram(program_);
    // The link (passcode included) goes through standard input, not the command line
    // every local user can read.
    process_.setArguments({QStringLiteral("rdp-gateway"), QStringLiteral("-"),
                           QStringLiteral("--port"), QString::number(port)});
    qCInfo(lcShare) << "starting the RDP gateway" << program_ << "on port" << port;
    process_.start();
    process_.write(link.toString().toUtf8() + '\n');
    process_.closeWriteChannel();
}

void RdpGatewayProcess::stop()
{
    if (process_.state() == QProcess::NotRunning || stopping_)
        return;
    stopping_ = true;
    process_.terminate();
    killTimer_.start(kStopTimeoutMs);
}

void RdpGatewayProcess::readAnnouncement()
{
    while (process_.canReadLine()) {
        const QString line = QString::fromUtf8(process_.readLine(kMaxLineBytes)).trimmed();
        if (line.startsWith(kAddressPrefix))
            address_ = line;
        else if (line.startsWith(kPasswordPrefix))
            password_ = line.mid(kPasswordPrefix.size());
        else if (line.startsWith(kCertificatePrefix))
            fingerprint_ = line.mid(kCertificatePrefix.size());
    }
    // A line that never ends is none of the three.
    if (process_.bytesAvailable() > kMaxLineBytes)
        process_.readAllStandardOutput();
    if (announced_ || address_.isEmpty() || password_.isEmpty() || fingerprint_.isEmpty())
        return;
    announced_ = true;
    qCInfo(lcShare) << "RDP gateway" << pid_ << "listens at" << address_;
    emit started(address_, password_, fingerprint_);
}

void RdpGatewayProcess::readErrors()
{
    errors_ += process_.readAllStandardError();
    if (errors_.size() > kMaxErrorBytes)
        errors_ = errors_.right(kMaxErrorBytes);
}

QString RdpGatewayProcess::lastErrorLine() const
{
    const QList<QByteArray> lines = errors_.trimmed().split('\n');
    // Its own sentence when it left one; else why its viewer left the share; else whatever
    // it said last (a crash's message).
    for (const QByteArray &prefix : {kErrorPrefix, kLeftPrefix})
        for (auto it = lines.rbegin(); it != lines.rend(); ++it)
            if (it->startsWith(prefix))
                return QString::fromUtf8(it->mid(prefix.size())).trimmed();
    return QString::fromUtf8(lines.last()).trimmed();
}

void RdpGatewayProcess::onFinished(int exitCode, QProcess::ExitStatus status)
{
    killTimer_.stop();
    readErrors();
    if (over_)
        return;
    over_ = true;
    const bool clean = status == QProcess::NormalExit && exitCode == 0;
    qCInfo(lcShare).nospace() << "RDP gateway " << pid_ << " ended"
                              << (status == QProcess::CrashExit ? " by a signal" : "")
                              << " with status " << exitCode << (stopping_ ? ", as asked" : "");
    if (stopping_ || (clean && announced_)) {
        emit stopped();
        return;
    }
    const QString reason = lastErrorLine();
    if (!reason.isEmpty())
        emit failed(reason);
    else if (status == QProcess::CrashExit)
        emit failed(tr("the RDP gateway crashed"));
    else if (exitCode == 0)
        emit failed(tr("the RDP gateway ended before it listened"));
    else
        emit failed(tr("the RDP gateway ended with status %1").arg(exitCode));
}

void RdpGatewayProcess::onError(QProcess::ProcessError error)
{
    // Only a failed start has no finished() after it.
    if (error != QProcess::FailedToStart || over_)
        return;
    over_ = true;
    qCWarning(lcShare) << "cannot run the RDP gateway" << program_ << process_.errorString();
    emit failed(tr("cannot run %1: %2").arg(program_, process_.errorString()));
}

} // namespace baton::ui
