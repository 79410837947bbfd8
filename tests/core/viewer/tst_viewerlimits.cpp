// A host cannot make a viewer allocate what it likes: the shared window's size, announced
// in every DemandActive, is held to the viewer's PictureLimit before the picture is
// allocated. Real hosts (HostSession over loopback TLS) with windows just over, and
// exactly at, small test limits, so nothing large is ever allocated.

#include "core/capture/SyntheticWindowSource.h"
#include "core/session/HostSession.h"
#include "core/viewer/DemandedWindow.h"
#include "core/viewer/PictureLimit.h"
#include "core/viewer/ViewerSession.h"
#include "tests/core/session/ScriptedWindowSource.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace baton;
using protocol::CloseReason;

namespace {

constexpr int kTimeoutMs = 10'000;

struct Host {
    std::unique_ptr<HostSession> session;
    WindowSource *source = nullptr;
};

Host startHost(std::unique_ptr<WindowSource> source)
{
    static const auto identity = net::CertificateStore::generate(QStringLiteral("test"));
    Host host;
    host.source = source.get();
    host.session = std::make_unique<HostSession>(std::move(source), *identity,
                                                 loopbackConfig("limits", "host"));
    QString error;
    if (!host.session->start(&error))
        qWarning() << "host did not start:" << error;
    return host;
}

std::unique_ptr<ViewerSession> join(const HostSession &host, PictureLimit limit)
{
    net::ViewerOptions options;
    options.displayName = "viewer";
    auto viewer = std::make_unique<ViewerSession>(host.inviteLink(), options, limit);
    viewer->start();
    return viewer;
}

net::CloseInfo closeOf(const QSignalSpy &ended)
{
    return ended.first().at(0).value<net::CloseInfo>();
}

protocol::DemandActivePdu demandFor(int width, int height)
{
    protocol::BitmapCapability bitmap;
    bitmap.desktopWidth = uint16_t(width);
    bitmap.desktopHeight = uint16_t(height);
    protocol::DemandActivePdu demand;
    demand.shareId = 1;
    demand.capabilities = {protocol::GeneralCapability{}, bitmap};
    return demand;
}

} // namespace

class TestViewerLimits : public QObject {
    Q_OBJECT

private slots:
    void pictureLimitBounds_data();
    void pictureLimitBounds();
    void demandedWindowNeedsASize();
    void windowOverTheLimitIsRefusedBeforeAllocation_data();
    void windowOverTheLimitIsRefusedBeforeAllocation();
    void resizeOverTheLimitEndsTheSession();
    void windowAtTheLimitIsShown();
};

void TestViewerLimits::pictureLimitBounds_data()
{
    QTest::addColumn<int>("maxSidePx");
    QTest::addColumn<qlonglong>("maxPixels");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<bool>("accepted");
    const int side = PictureLimit::kDefaultMaxSidePx;
    const qlonglong pixels = PictureLimit::kDefaultMaxPixels;
    QTest::newRow("default: two 8K side by side") << side << pixels << 15360 << 4320 << true;
    QTest::newRow("default: two 8K stacked") << side << pixels << 7680 << 8640 << true;
    QTest::newRow("default: three 5K in a row") << side << pixels << 15360 << 2880 << true;
    QTest::newRow("default: one row more") << side << pixels << 15360 << 4321 << false;
    QTest::newRow("default: the 16384 square") << side << pixels << 16384 << 16384 << false;
    QTest::newRow("default: too wide, few pixels") << side << pixels << 15361 << 1 << false;
    QTest::newRow("at both bounds") << 100 << qlonglong(5000) << 100 << 50 << true;
    QTest::newRow("a side over") << 100 << qlonglong(50000) << 101 << 10 << false;
    QTest::newRow("a height over") << 100 << qlonglong(50000) << 10 << 101 << false;
    QTest::newRow("pixels over") << 100 << qlonglong(5000) << 100 << 51 << false;
    QTest::newRow("no width") << 100 << qlonglong(5000) << 0 << 10 << false;
}

void TestViewerLimits::pictureLimitBounds()
{
    QFETCH(int, maxSidePx);
    QFETCH(qlonglong, maxPixels);
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(bool, accepted);
    QCOMPARE(PictureLimit({maxSidePx, maxPixels}).accepts(width, height), accepted);
}

void TestViewerLimits::demandedWindowNeedsASize()
{
    const PictureLimit limit{200, 20'000};
    protocol::DemandActivePdu bare = demandFor(100, 100);
    bare.capabilities = {protocol::GeneralCapability{}};
    QCOMPARE(DemandedWindow::of(bare, limit).verdict, DemandedWindow::Verdict::NoSize);
    QCOMPARE(DemandedWindow::of(demandFor(0, 100), limit).verdict, DemandedWindow::Verdict::NoSize);

    const DemandedWindow over = DemandedWindow::of(demandFor(201, 10), limit);
    QCOMPARE(over.verdict, DemandedWindow::Verdict::TooLarge);
    QCOMPARE(over.widthPx, 201);
    QCOMPARE(over.heightPx, 10);
    const DemandedWindow at = DemandedWindow::of(demandFor(200, 100), limit);
    QCOMPARE(at.verdict, DemandedWindow::Verdict::Accepted);
    QCOMPARE(at.widthPx, 200);
    QCOMPARE(at.heightPx, 100);
}

void TestViewerLimits::windowOverTheLimitIsRefusedBeforeAllocation_data()
{
    QTest::addColumn<int>("maxSidePx");
    QTest::addColumn<qlonglong>("maxPixels");
    // The synthetic window is 161×100.
    QTest::newRow("one column too wide") << 160 << qlonglong(1'000'000);
    QTest::newRow("one pixel too many") << 1000 << qlonglong(161 * 100 - 1);
}

void TestViewerLimits::windowOverTheLimitIsRefusedBeforeAllocation()
{
    QFETCH(int, maxSidePx);
    QFETCH(qlonglong, maxPixels);
    Host host =
        startHost(std::make_unique<SyntheticWindowSource>(SyntheticSceneKind::Typing, 161, 100));
    auto viewer = join(*host.session, PictureLimit{maxSidePx, maxPixels});
    QSignalSpy joined(viewer.get(), &ViewerSession::joined);
    QSignalSpy resized(viewer.get(), &ViewerSession::resized);
    QSignalSpy ended(viewer.get(), &ViewerSession::ended);

    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, kTimeoutMs);
    QCOMPARE(joined.size(), 1); // refused at the activation, not at the handshake
    const net::CloseInfo info = closeOf(ended);
    QCOMPARE(info.reason, CloseReason::ProtocolError);
    QCOMPARE(info.origin, net::CloseInfo::Origin::Local);
    QVERIFY2(info.detail.contains(QLatin1String("161x100")), qPrintable(info.detail));
    QCOMPARE(viewer->refusedWindowSize(), std::optional<QSize>(QSize(161, 100)));
    QVERIFY(viewer->framebuffer().isNull());
    QCOMPARE(resized.size(), 0);
    // The host is told and lets the viewer go.
    QTRY_COMPARE_WITH_TIMEOUT(host.session->viewerCount(), 0, kTimeoutMs);
}

void TestViewerLimits::resizeOverTheLimitEndsTheSession()
{
    auto owned = std::make_unique<test::ScriptedWindowSource>(120, 80);
    test::ScriptedWindowSource *window = owned.get();
    Host host = startHost(std::move(owned));
    auto viewer = join(*host.session, PictureLimit{200, 200 * 100});
    QSignalSpy ended(viewer.get(), &ViewerSession::ended);
    QTRY_VERIFY_WITH_TIMEOUT(viewer->framebuffer() == window->picture(), kTimeoutMs);
    QVERIFY(!viewer->refusedWindowSize());

    QSignalSpy resized(viewer.get(), &ViewerSession::resized);
    window->resize(120, 201, 0xff00aa00u); // 24,120 pixels, but a side over
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, kTimeoutMs);
    QCOMPARE(closeOf(ended).reason, CloseReason::ProtocolError);
    QCOMPARE(viewer->refusedWindowSize(), std::optional<QSize>(QSize(120, 201)));
    QCOMPARE(resized.size(), 0);
    // The picture of the accepted size stays; the larger one was never allocated.
    QCOMPARE(viewer->framebuffer().width(), 120);
    QCOMPARE(viewer->framebuffer().height(), 80);
}

void TestViewerLimits::windowAtTheLimitIsShown()
{
    auto owned = std::make_unique<test::ScriptedWindowSource>(200, 100);
    test::ScriptedWindowSource *window = owned.get();
    Host host = startHost(std::move(owned));
    auto viewer = join(*host.session, PictureLimit{200, 200 * 100});
    QSignalSpy ended(viewer.get(), &ViewerSession::ended);
    QTRY_VERIFY_WITH_TIMEOUT(viewer->framebuffer() == window->picture(), kTimeoutMs);

    QSignalSpy resized(viewer.get(), &ViewerSession::resized);
    window->resize(100, 200, 0xff0000ffu); // turned on its side: still at the limit
    window->paint({90, 190, 10, 10}, 0xffff0000u);
    QTRY_COMPARE_WITH_TIMEOUT(resized.size(), 1, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(viewer->framebuffer() == window->picture(), kTimeoutMs);
    QCOMPARE(ended.size(), 0);
    QVERIFY(!viewer->refusedWindowSize());
}

QTEST_GUILESS_MAIN(TestViewerLimits)
#include "tst_viewerlimits.moc"
