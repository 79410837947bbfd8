#include "PrivateXServer.h"

#include <QDeadlineTimer>

#include <csignal>
#include <sys/prctl.h>

namespace baton::test {

PrivateXServer::~PrivateXServer()
{
    stop();
}

QString PrivateXServer::start(int depth, QSize size, const QStringList &extraArguments,
                              QString *error)
{
    stop();
    const auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("Xvfb at depth %1: %2").arg(depth).arg(why);
        stop();
        return QString();
    };
    // -displayfd: the server binds the first free display number itself and writes it to
    // this descriptor (our stdout pipe) once it accepts connections, so there is neither
    // a race for the number nor a guess at how long start-up takes.
    process_.setProgram(QStringLiteral("Xvfb"));
    process_.setArguments(
        QStringList{QStringLiteral("-displayfd"), QStringLiteral("1"), QStringLiteral("-nolisten"),
                    QStringLiteral("tcp"), QStringLiteral("-noreset"), QStringLiteral("-screen"),
                    QStringLiteral("0"),
                    QStringLiteral("%1x%2x%3").arg(size.width()).arg(size.height()).arg(depth)} +
        extraArguments);
    // A test that crashes or is killed at its timeout must not leave a server behind: the
    // kernel stops Xvfb when the thread that started it ends.
    process_.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    process_.start();
    if (!process_.waitForStarted(5000))
        return fail(process_.errorString());
    QByteArray output;
    const QDeadlineTimer deadline(15000);
    while (!output.contains('\n')) {
        if (process_.state() == QProcess::NotRunning || deadline.hasExpired())
            return fail(QStringLiteral("no display number (%1)")
                            .arg(QString::fromLocal8Bit(process_.readAllStandardError())
                                     .trimmed()
                                     .right(300)));
        process_.waitForReadyRead(100);
        output += process_.readAllStandardOutput();
    }
    bool ok = false;
    const int number = output.trimmed().toInt(&ok);
    if (!ok)
        return fail(QStringLiteral("unexpected display number '%1'")
                        .arg(QString::fromLocal8Bit(output.trimmed())));
    display_ = QStringLiteral(":%1").arg(number);
    return display_;
}

void PrivateXServer::stop()
{
    display_.clear();
    if (process_.state() == QProcess::NotRunning)
        return;
    process_.terminate();
    if (!process_.waitForFinished(5000)) {
        process_.kill();
        process_.waitForFinished(5000);
    }
}

} // namespace baton::test
