#include "HeadlessChromium.h"

#include "ProcessCpu.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QSslKey>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace baton::cli {
namespace {

constexpr int kPollMs = 50;

} // namespace

std::unique_ptr<HeadlessChromium> HeadlessChromium::start(const QStringList &spkiPins,
                                                          QString *error)
{
    std::unique_ptr<HeadlessChromium> browser(new HeadlessChromium);
    if (!browser->profile_.isValid()) {
        *error = QStringLiteral("no profile folder for chromium: %1")
                     .arg(browser->profile_.errorString());
        return nullptr;
    }
    QStringList args{QStringLiteral("--headless=new"),
                     QStringLiteral("--user-data-dir=") + browser->profile_.path(),
                     // Port 0: chromium takes a free one and names it in DevToolsActivePort.
                     QStringLiteral("--remote-debugging-port=0"), QStringLiteral("--no-first-run"),
                     QStringLiteral("--no-default-browser-check"),
                     // No GPU here: canvas and WebCodecs run in software, as on most CI machines.
                     QStringLiteral("--disable-gpu"),
                     // Several pages share one browser, each a viewer that must keep receiving:
                     // none may be throttled as a hidden tab would be.
                     QStringLiteral("--disable-background-timer-throttling"),
                     QStringLiteral("--disable-renderer-backgrounding"),
                     QStringLiteral("--disable-backgrounding-occluded-windows"),
                     QStringLiteral("--ignore-certificate-errors-spki-list=") +
                         spkiPins.join(QLatin1Char(','))};
    // Chromium refuses to run as root inside its sandbox (containers, CI); anyone else
    // keeps it.
    if (::geteuid() == 0)
        args << QStringLiteral("--no-sandbox");
    args << QStringLiteral("about:blank");
    browser->process_.setProgram(QString::fromLatin1(kProgram));
    browser->process_.setArguments(args);
    browser->process_.setStandardOutputFile(QProcess::nullDevice());
    browser->process_.setChildProcessModifier([] {
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    });
    browser->process_.start();
    if (!browser->process_.waitForStarted(kStartTimeoutMs)) {
        *error = QStringLiteral("cannot start %1: %2")
                     .arg(QString::fromLatin1(kProgram), browser->process_.errorString());
        return nullptr;
    }
    // DevToolsActivePort: the port on its first line, the browser endpoint's path on the
    // second, written once the endpoint listens.
    QFile portFile(QDir(browser->profile_.path()).filePath(QStringLiteral("DevToolsActivePort")));
    const QDeadlineTimer deadline(kStartTimeoutMs);
    while (!deadline.hasExpired() && browser->process_.state() == QProcess::Running) {
        if (portFile.open(QIODevice::ReadOnly)) {
            const QList<QByteArray> lines = portFile.readAll().split('\n');
            portFile.close();
            bool ok = false;
            const int port = lines.value(0).toInt(&ok);
            if (ok && port > 0 && lines.value(1).startsWith('/')) {
                browser->endpoint_ = QUrl(QStringLiteral("ws://127.0.0.1:%1%2")
                                              .arg(port)
                                              .arg(QString::fromLatin1(lines.value(1))));
                return browser;
            }
        }
        browser->process_.waitForFinished(kPollMs);
    }
    *error = QStringLiteral("chromium gave no DevTools endpoint: ") +
        QString::fromLocal8Bit(browser->log().right(2000));
    return nullptr;
}

HeadlessChromium::~HeadlessChromium()
{
    if (process_.state() == QProcess::NotRunning)
        return;
    ::kill(-pid_t(process_.processId()), SIGKILL);
    process_.waitForFinished(5000);
}

double HeadlessChromium::cpuSeconds() const
{
    const qint64 group = process_.processId();
    if (group <= 0)
        return 0;
    double total = 0;
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        const auto cpu = readProcessCpu(pid.toLongLong());
        // The children's times count too: a renderer that exits between two readings has
        // been reaped by the browser, and its CPU would otherwise leave the sum.
        if (cpu && cpu->group == group)
            total += cpu->ownSeconds + cpu->reapedChildrenSeconds;
    }
    return total;
}

QByteArray HeadlessChromium::log()
{
    log_ += process_.readAllStandardError();
    return log_;
}

QString HeadlessChromium::spkiPin(const QSslCertificate &certificate)
{
    // A public QSslKey's DER is the SubjectPublicKeyInfo ("BEGIN PUBLIC KEY").
    return QString::fromLatin1(
        QCryptographicHash::hash(certificate.publicKey().toDer(), QCryptographicHash::Sha256)
            .toBase64());
}

} // namespace baton::cli
