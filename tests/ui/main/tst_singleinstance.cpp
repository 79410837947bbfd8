// The one-Baton-per-display channel over a real local socket: the first instance takes
// requests and answers them, a second cannot listen on the same name, a socket left by a
// dead instance is taken over, and a client that sends too much or nonsense is cut or
// refused without harm.

#include "ui/main/SingleInstance.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <future>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using baton::ui::SingleInstance;

namespace {

// send() blocks, so it runs on another thread while this one serves the request.
std::optional<QString> sendWhileServing(const QString &name, const SingleInstance::Request &request)
{
    auto answer = std::async(std::launch::async,
                             [name, request] { return SingleInstance::send(name, request); });
    while (answer.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return answer.get();
}

} // namespace

class TestSingleInstance : public QObject {
    Q_OBJECT
private slots:
    void init() { QVERIFY(dir_.isValid()); }

    void requestsReachTheRunningInstance()
    {
        SingleInstance first(name());
        QList<SingleInstance::Request> received;
        QVERIFY(first.listen([&received](const SingleInstance::Request &request) {
            received << request;
            return request.link.contains(QLatin1String("bad")) ? QStringLiteral("a bad link")
                                                               : QString();
        }));
        QVERIFY(first.isListening());

        QCOMPARE(sendWhileServing(name(), {}), std::optional<QString>(QString()));
        const QString link = QStringLiteral("baton://127.0.0.1:1627/abc?fp=00");
        QCOMPARE(sendWhileServing(name(), {SingleInstance::Request::Kind::OpenLink, link}),
                 std::optional<QString>(QString()));
        QCOMPARE(
            sendWhileServing(
                name(), {SingleInstance::Request::Kind::OpenLink, QStringLiteral("baton://bad")}),
            std::optional<QString>(QStringLiteral("a bad link")));

        QCOMPARE(received.size(), 3);
        QCOMPARE(received.at(0).kind, SingleInstance::Request::Kind::Show);
        QCOMPARE(received.at(1).kind, SingleInstance::Request::Kind::OpenLink);
        QCOMPARE(received.at(1).link, link);
    }

    void aSecondInstanceCannotListen()
    {
        SingleInstance first(name());
        QVERIFY(first.listen([](const SingleInstance::Request &) { return QString(); }));
        SingleInstance second(name());
        QString error;
        QVERIFY(!second.listen([](const SingleInstance::Request &) { return QString(); }, &error));
        QVERIFY2(error.contains(QLatin1String("already running")), qPrintable(error));
        QVERIFY(first.isListening());
    }

    // Nobody listens: send() says so at once instead of waiting.
    void nobodyAnswersWithoutAnInstance()
    {
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(SingleInstance::send(name(), {}), std::nullopt);
        QVERIFY(timer.elapsed() < SingleInstance::kIdleTimeoutMs);
    }

    // A Baton that was killed leaves its socket file; the next one takes it over.
    void aDeadInstancesSocketIsTakenOver()
    {
        // What a killed process leaves: a socket file nobody answers on.
        const QByteArray path = QFile::encodeName(name());
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path, path.constData(),
                    std::min(sizeof(address.sun_path) - 1, size_t(path.size())));
        QCOMPARE(::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)), 0);
        QCOMPARE(::listen(fd, 1), 0);
        ::close(fd); // the file stays, as after SIGKILL
        QVERIFY(QFileInfo(name()).exists());
        SingleInstance next(name());
        QString error;
        QVERIFY2(next.listen([](const SingleInstance::Request &) { return QString(); }, &error),
                 qPrintable(error));
        QCOMPARE(sendWhileServing(name(), {}), std::optional<QString>(QString()));
    }

    void nonsenseIsRefusedAndFloodsAreCut()
    {
        SingleInstance first(name());
        int handled = 0;
        QVERIFY(first.listen([&handled](const SingleInstance::Request &) {
            ++handled;
            return QString();
        }));

        QLocalSocket nonsense;
        nonsense.connectToServer(name());
        QVERIFY(nonsense.waitForConnected(5000));
        nonsense.write("frobnicate\n");
        QTRY_VERIFY_WITH_TIMEOUT(nonsense.canReadLine(), 10000);
        QVERIFY(nonsense.readLine().startsWith("error "));

        // More than a request may hold, without a line end: cut, never handled.
        QLocalSocket flood;
        flood.connectToServer(name());
        QVERIFY(flood.waitForConnected(5000));
        flood.write(QByteArray(SingleInstance::kMaxRequestBytes * 4, 'x'));
        QTRY_VERIFY_WITH_TIMEOUT(flood.state() == QLocalSocket::UnconnectedState, 10000);
        QCOMPARE(handled, 0);

        // The instance still answers.
        QCOMPARE(sendWhileServing(name(), {}), std::optional<QString>(QString()));
        QCOMPARE(handled, 1);
    }

    void theDefaultNameIsPerDisplay()
    {
        const QByteArray saved = qgetenv("DISPLAY");
        const QByteArray savedWayland = qgetenv("WAYLAND_DISPLAY");
        qunsetenv("WAYLAND_DISPLAY");
        qputenv("DISPLAY", ":7");
        const QString seven = SingleInstance::defaultName();
        qputenv("DISPLAY", "host/../x:8");
        const QString eight = SingleInstance::defaultName();
        restore("DISPLAY", saved);
        restore("WAYLAND_DISPLAY", savedWayland);
        QVERIFY(seven != eight);
        QVERIFY(seven.endsWith(QLatin1String("baton-_7")));
        QVERIFY(eight.endsWith(QLatin1String("baton-host_.._x_8")));
    }

private:
    static void restore(const char *name, const QByteArray &value)
    {
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value);
    }

    QString name() const { return dir_.filePath(QStringLiteral("baton.sock")); }

    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
