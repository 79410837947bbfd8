// A real share end to end: a HostSession captures a real xterm under the test X server,
// viewers join it over real TLS on loopback, and what they show is compared, pixel for
// pixel, with an independent capture of the xterm by xwd.

#include "core/capture/x11/X11WindowSource.h"
#include "core/capture/x11/XcbConnection.h"
#include "core/net/CertificateStore.h"
#include "core/session/HostSession.h"
#include "core/viewer/ViewerSession.h"
#include "tests/core/capture/XtermFixture.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <vector>

using namespace baton;
using namespace baton::test;

namespace {

// How long nothing may be sent before a share counts as settled: longer than any gap
// between an xterm's drawing and the capture it causes.
constexpr int kQuietMs = 1000;
constexpr int kSettleTimeoutMs = 10000;
// The promise to a late joiner.
constexpr double kLateJoinBudgetMs = 1000;

QStringList printAfterReturn(const QString &script)
{
    return {QStringLiteral("-e"), QStringLiteral("sh"), QStringLiteral("-c"),
            QStringLiteral("read x; %1; exec sleep 600").arg(script)};
}

// A host and its viewers, all on this thread's event loop.
class Share {
public:
    Share(uint64_t windowId, const net::CertificateStore::Identity &identity)
    {
        const HostSessionConfig config = loopbackConfig("test", "xterm-share");
        host_ = std::make_unique<HostSession>(std::make_unique<X11WindowSource>(windowId),
                                              identity, config);
        QObject::connect(host_.get(), &HostSession::viewerJoined,
                         [this](uint16_t userId, const QString &) { viewerIds_.push_back(userId); });
    }

    bool start(QString *error) { return host_->start(error); }
    HostSession &host() { return *host_; }

    ViewerSession &join(const QString &name)
    {
        net::ViewerOptions options;
        options.displayName = name.toStdString();
        viewers_.push_back(std::make_unique<ViewerSession>(host_->inviteLink(), options));
        ViewerSession &viewer = *viewers_.back();
        viewer.start();
        return viewer;
    }

    const std::vector<std::unique_ptr<ViewerSession>> &viewers() const { return viewers_; }

    // Every viewer has acknowledged everything it was sent and none is waiting for a
    // catch-up.
    bool allAcknowledged() const
    {
        const Broadcaster &broadcaster = host_->broadcaster();
        if (broadcaster.unackedBytes() != 0 || viewerIds_.size() != viewers_.size())
            return false;
        for (uint16_t id : viewerIds_)
            if (!broadcaster.hasViewer(id) || broadcaster.isLagging(id))
                return false;
        return true;
    }

    // Waits until the host has sent nothing new for kQuietMs and every viewer has
    // acknowledged the last of it: the viewers show the host's latest capture.
    bool settle()
    {
        auto sent = [this] { return host_->stats().batches + host_->stats().catchUps; };
        int64_t last = sent();
        QElapsedTimer quiet;
        quiet.start();
        const QDeadlineTimer deadline(kSettleTimeoutMs);
        while (!deadline.hasExpired()) {
            QTest::qWait(50);
            if (sent() != last) {
                last = sent();
                quiet.restart();
            } else if (quiet.elapsed() >= kQuietMs && allAcknowledged()) {
                return true;
            }
        }
        return false;
    }

private:
    std::unique_ptr<HostSession> host_;
    std::vector<std::unique_ptr<ViewerSession>> viewers_;
    std::vector<uint16_t> viewerIds_;
};

// Empty when the viewer shows exactly what xwd sees of the window; otherwise why not.
QString differenceFromXwd(const ViewerSession &viewer, uint64_t windowId)
{
    const Frame reference = xwdCapture(windowId);
    if (reference.isNull())
        return QStringLiteral("xwd could not capture the window");
    if (viewer.framebuffer().isNull())
        return QStringLiteral("the viewer has no picture");
    QString why;
    if (!sameColours(viewer.framebuffer().view(), reference.view(), &why))
        return why;
    return {};
}

} // namespace

class TestXtermShare : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("DISPLAY"), "needs an X server (xvfb-run)");
        QVERIFY((xServer_ = holdXServer()) != nullptr);
        qRegisterMetaType<baton::net::CloseInfo>();
        qRegisterMetaType<baton::Region>();
        QString error;
        auto identity = net::CertificateStore::generate(QStringLiteral("test"), &error);
        QVERIFY2(identity, qPrintable(error));
        identity_ = std::move(*identity);
    }

    // Two viewers join, then the xterm prints 120 lines and scrolls; once the share is
    // quiet both show exactly the xterm's pixels.
    void twoViewersMatchTheScrolledXterm()
    {
        Xterm xterm(QStringLiteral("share"),
                    printAfterReturn(QStringLiteral(
                        "for i in $(seq 1 120); do echo \"line $i of a shared terminal\"; "
                        "sleep 0.01; done")));
        QVERIFY(xterm.windowId() != 0);
        Share share(xterm.windowId(), identity_);
        QString error;
        QVERIFY2(share.start(&error), qPrintable(error));
        ViewerSession &first = share.join(QStringLiteral("first"));
        ViewerSession &second = share.join(QStringLiteral("second"));
        QTRY_COMPARE_WITH_TIMEOUT(share.host().viewerCount(), 2, 10000);
        QVERIFY(share.settle());
        const int64_t batchesBefore = share.host().stats().batches;

        QVERIFY(xdotool({QStringLiteral("windowfocus"), QString::number(xterm.windowId()),
                         QStringLiteral("key"), QStringLiteral("Return")}));
        // The output takes over a second: wait until it has scrolled the whole screen.
        QTRY_VERIFY_WITH_TIMEOUT(share.host().stats().batches > batchesBefore + 10, 10000);
        QVERIFY(share.settle());

        // When they differ from the xterm, whether they agree with each other tells a
        // capture or planning fault (the same wrong picture) from a delivery fault.
        const bool viewersAgree =
            sameColours(first.framebuffer().view(), second.framebuffer().view());
        for (ViewerSession *viewer : {&first, &second}) {
            const QString why = differenceFromXwd(*viewer, xterm.windowId());
            QVERIFY2(why.isEmpty(),
                     qPrintable(why + (viewersAgree ? QStringLiteral(" (both viewers agree)")
                                                    : QStringLiteral(" (the viewers differ)"))));
            QVERIFY(viewer->stats().batchesApplied > 10);
        }
        // The scrolling went out as live batches, not as one catch-up at the end.
        qInfo("host: %lld captures, %lld batches (%lld bytes), %lld catch-ups; viewer: %lld "
              "batches, %lld moves",
              static_cast<long long>(share.host().stats().captures),
              static_cast<long long>(share.host().stats().batches),
              static_cast<long long>(share.host().stats().batchBytes),
              static_cast<long long>(share.host().stats().catchUps),
              static_cast<long long>(first.stats().batchesApplied),
              static_cast<long long>(first.applierStats().moves));
    }

    // A viewer joining a share that has been running and changing gets the whole picture
    // as its first frame, within a second of starting.
    void lateJoinerHasTheFullPictureWithinOneSecond()
    {
        Xterm xterm(QStringLiteral("late"),
                    printAfterReturn(QStringLiteral(
                        "for i in $(seq 1 60); do echo \"line $i before the late joiner\"; "
                        "done")));
        QVERIFY(xterm.windowId() != 0);
        Share share(xterm.windowId(), identity_);
        QString error;
        QVERIFY2(share.start(&error), qPrintable(error));
        share.join(QStringLiteral("early"));
        QTRY_COMPARE_WITH_TIMEOUT(share.host().viewerCount(), 1, 10000);
        QVERIFY(xdotool({QStringLiteral("windowfocus"), QString::number(xterm.windowId()),
                         QStringLiteral("key"), QStringLiteral("Return")}));
        QVERIFY(share.settle());

        ViewerSession &late = share.join(QStringLiteral("late"));
        QSignalSpy presented(&late, &ViewerSession::framePresented);
        QVERIFY(presented.wait(5000));
        // The very first picture is complete: nothing has changed since the others settled.
        const QString why = differenceFromXwd(late, xterm.windowId());
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QVERIFY(late.stats().firstPictureMs >= 0);
        qInfo("late joiner: first picture %.1f ms after start", late.stats().firstPictureMs);
        QVERIFY2(late.stats().firstPictureMs <= kLateJoinBudgetMs,
                 qPrintable(QStringLiteral("first picture after %1 ms")
                                .arg(late.stats().firstPictureMs)));
        QVERIFY(share.settle());
        for (const auto &viewer : share.viewers()) {
            const QString after = differenceFromXwd(*viewer, xterm.windowId());
            QVERIFY2(after.isEmpty(), qPrintable(after));
        }
    }

    // xdotool resizes the xterm; the viewers' pictures take the new size and the xterm's
    // redrawn pixels.
    void resizeReachesViewers()
    {
        Xterm xterm(QStringLiteral("resize"),
                    printAfterReturn(QStringLiteral("seq -f 'resized line %g' 1 40")));
        QVERIFY(xterm.windowId() != 0);
        Share share(xterm.windowId(), identity_);
        QString error;
        QVERIFY2(share.start(&error), qPrintable(error));
        ViewerSession &first = share.join(QStringLiteral("first"));
        ViewerSession &second = share.join(QStringLiteral("second"));
        QTRY_COMPARE_WITH_TIMEOUT(share.host().viewerCount(), 2, 10000);
        QVERIFY(xdotool({QStringLiteral("windowfocus"), QString::number(xterm.windowId()),
                         QStringLiteral("key"), QStringLiteral("Return")}));
        QVERIFY(share.settle());
        const Rect before = first.framebuffer().rect();

        QSignalSpy resized(&first, &ViewerSession::resized);
        QVERIFY(xdotool({QStringLiteral("windowsize"), QStringLiteral("--sync"),
                         QString::number(xterm.windowId()), QString::number(before.width + 120),
                         QString::number(before.height + 90)}));
        QTRY_VERIFY_WITH_TIMEOUT(!resized.isEmpty(), 10000);
        QVERIFY(share.settle());
        for (ViewerSession *viewer : {&first, &second}) {
            QCOMPARE(viewer->framebuffer().width(), before.width + 120);
            QCOMPARE(viewer->framebuffer().height(), before.height + 90);
            const QString why = differenceFromXwd(*viewer, xterm.windowId());
            QVERIFY2(why.isEmpty(), qPrintable(why));
        }
    }

    // Unmapping the xterm tells the viewers the window is hidden, not frozen; mapping it
    // again brings them its pixels.
    void hidingReachesViewers()
    {
        Xterm xterm(QStringLiteral("hide"),
                    printAfterReturn(QStringLiteral("seq -f 'hidden line %g' 1 10")));
        QVERIFY(xterm.windowId() != 0);
        Share share(xterm.windowId(), identity_);
        QString error;
        QVERIFY2(share.start(&error), qPrintable(error));
        ViewerSession &viewer = share.join(QStringLiteral("viewer"));
        QTRY_COMPARE_WITH_TIMEOUT(share.host().viewerCount(), 1, 10000);
        QVERIFY(share.settle());
        QVERIFY(!viewer.windowHidden());

        const QString id = QString::number(xterm.windowId());
        QVERIFY(xdotool({QStringLiteral("windowunmap"), QStringLiteral("--sync"), id}));
        QTRY_VERIFY_WITH_TIMEOUT(viewer.windowHidden(), 10000);
        QVERIFY(share.host().isRunning());

        QVERIFY(xdotool({QStringLiteral("windowmap"), QStringLiteral("--sync"), id}));
        QTRY_VERIFY_WITH_TIMEOUT(!viewer.windowHidden(), 10000);
        QVERIFY(xdotool({QStringLiteral("windowfocus"), id, QStringLiteral("key"),
                         QStringLiteral("Return")}));
        QVERIFY(share.settle());
        const QString why = differenceFromXwd(viewer, xterm.windowId());
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    // Closing the shared window ends the share for every viewer, and they are told why.
    void closingTheXtermEndsTheShare()
    {
        Xterm xterm(QStringLiteral("close"));
        QVERIFY(xterm.windowId() != 0);
        Share share(xterm.windowId(), identity_);
        QString error;
        QVERIFY2(share.start(&error), qPrintable(error));
        ViewerSession &first = share.join(QStringLiteral("first"));
        ViewerSession &second = share.join(QStringLiteral("second"));
        QTRY_COMPARE_WITH_TIMEOUT(share.host().viewerCount(), 2, 10000);
        QVERIFY(share.settle());

        QSignalSpy hostEnded(&share.host(), &HostSession::ended);
        QSignalSpy firstEnded(&first, &ViewerSession::ended);
        QSignalSpy secondEnded(&second, &ViewerSession::ended);
        xterm.kill();
        QTRY_COMPARE_WITH_TIMEOUT(firstEnded.size(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(secondEnded.size(), 1, 10000);
        QCOMPARE(hostEnded.size(), 1);
        QVERIFY(!share.host().isRunning());
        for (QSignalSpy *spy : {&firstEnded, &secondEnded}) {
            const auto info = spy->at(0).at(0).value<net::CloseInfo>();
            QVERIFY2(info.reason == protocol::CloseReason::WindowClosed, qPrintable(info.text()));
            QCOMPARE(info.origin, net::CloseInfo::Origin::Peer);
        }
    }

private:
    std::unique_ptr<XcbConnection> xServer_;
    net::CertificateStore::Identity identity_;
};

QTEST_GUILESS_MAIN(TestXtermShare)
#include "tst_xtermshare.moc"
