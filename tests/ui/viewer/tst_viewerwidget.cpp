// The viewer's canvas with an application share, against a real HostSession with a
// scripted source over loopback TLS: the desktop between the application's windows is
// hatched and the windows show the picture; one window filling the picture paints it
// all; the viewer window grows when the picture does (a menu opening past the edge) and
// stays when it shrinks.

#include "ScriptedWindowSource.h"
#include "core/net/CertificateStore.h"
#include "core/session/HostSession.h"
#include "core/viewer/ViewerSession.h"
#include "ui/viewer/ViewerWidget.h"
#include "ui/viewer/ViewerWindow.h"

#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QTest>

#include <memory>

using namespace baton;
using namespace baton::ui;

namespace {

constexpr int kTimeoutMs = 20000;
constexpr uint32_t kDesktopRed = 0xffff0000u;
// The host's pointer stays at the picture's corner: its arrow is not the picture.
const QRect kPointerBox(0, 0, 24, 24);

std::unique_ptr<HostSession> startHost(std::unique_ptr<WindowSource> source)
{
    static const auto identity = net::CertificateStore::generate(QStringLiteral("widget-test"));
    auto host = std::make_unique<HostSession>(std::move(source), *identity,
                                              loopbackConfig("widget-test", "Test host"));
    QString error;
    if (!host->start(&error))
        qWarning() << "host did not start:" << error;
    return host;
}

net::ViewerOptions viewerOptions()
{
    net::ViewerOptions options;
    options.displayName = "Ana";
    return options;
}

bool showsPicture(const ViewerWidget &canvas, const Frame &picture)
{
    const QImage image = canvas.image();
    if (image.size() != QSize(picture.width(), picture.height()))
        return false;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if ((image.pixel(x, y) | 0xff000000u) != (picture.pixel(x, y) | 0xff000000u))
                return false;
    return true;
}

bool insideAny(const SharedWindows &windows, const QPoint &point)
{
    for (const SharedWindow &window : windows)
        if (window.rect.contains(point.x(), point.y()))
            return true;
    return false;
}

} // namespace

class TestViewerWidget : public QObject {
    Q_OBJECT

private slots:
    void hatchBetweenTheWindowsPictureInside()
    {
        auto owned = std::make_unique<test::ScriptedWindowSource>(400, 300);
        test::ScriptedWindowSource *source = owned.get();
        source->paint({0, 0, 400, 300}, kDesktopRed);
        source->stamp({0, 0, 250, 200}, 7);
        source->paint({200, 150, 150, 120}, 0xff20c040u);
        const SharedWindows windows = {
            {43, 42, SharedWindow::Kind::Popup, {200, 150, 150, 120}, QString(), false},
            {42, 0, SharedWindow::Kind::Main, {0, 0, 250, 200}, QStringLiteral("main"), true},
        };
        source->arrange(windows);
        const auto host = startHost(std::move(owned));

        ViewerSession session(host->inviteLink(), viewerOptions());
        ViewerWidget canvas(&session);
        canvas.setScaling(ViewerWidget::Scaling::OneToOne);
        canvas.resize(400, 300);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        session.start();
        QTRY_VERIFY_WITH_TIMEOUT(showsPicture(canvas, source->picture()), kTimeoutMs);
        QTRY_COMPARE(session.sharedWindows(), windows);
        QCOMPARE(canvas.fromPicture({0, 0}), QPointF(0, 0));

        const QImage shot = canvas.grab().toImage().convertToFormat(QImage::Format_RGB32);
        QCOMPARE(shot.size(), QSize(400, 300));
        QSet<QRgb> hatch;
        int inside = 0;
        for (int y = 0; y < shot.height(); ++y)
            for (int x = 0; x < shot.width(); ++x) {
                if (kPointerBox.contains(x, y))
                    continue;
                const QRgb painted = shot.pixel(x, y);
                const QRgb shared = source->picture().pixel(x, y) | 0xff000000u;
                if (insideAny(windows, {x, y})) {
                    ++inside;
                    QVERIFY2(painted == shared, qPrintable(QStringLiteral("%1,%2").arg(x).arg(y)));
                } else {
                    QVERIFY2(painted != kDesktopRed,
                             qPrintable(QStringLiteral("%1,%2").arg(x).arg(y)));
                    hatch.insert(painted);
                }
            }
        QCOMPARE(inside, 250 * 200 + 150 * 120 - 50 * 50 - 24 * 24);
        QCOMPARE(hatch.size(), 2); // a pattern of two colours

        // One window filling the picture: nothing is hatched.
        source->arrange({{42, 0, SharedWindow::Kind::Main, {0, 0, 400, 300}, QString(), true}});
        QTRY_COMPARE(session.sharedWindows().size(), size_t(1));
        const QImage whole = canvas.grab().toImage().convertToFormat(QImage::Format_RGB32);
        for (int y = 0; y < whole.height(); ++y)
            for (int x = 0; x < whole.width(); ++x)
                if (!kPointerBox.contains(x, y))
                    QVERIFY2(whole.pixel(x, y) == (source->picture().pixel(x, y) | 0xff000000u),
                             qPrintable(QStringLiteral("%1,%2").arg(x).arg(y)));
    }

    // A menu opening past the main window's edge makes the picture larger: the window
    // grows to show all of it at 1:1, without scrolling; when the menu closes it stays.
    void theWindowGrowsWithThePicture()
    {
        auto owned = std::make_unique<test::ScriptedWindowSource>(300, 200);
        test::ScriptedWindowSource *source = owned.get();
        const auto host = startHost(std::move(owned));
        ViewerWindow window(host->inviteLink(), viewerOptions());
        window.resize(320, 240);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.start();
        QTRY_VERIFY_WITH_TIMEOUT(
            window.session() && showsPicture(*window.canvas(), source->picture()), kTimeoutMs);
        QScrollArea *scroll = window.scrollArea();
        QTRY_VERIFY(scroll->viewport()->height() >= 200);
        const QSize first = window.size();

        source->resize(560, 420, 0xff405060u);
        QTRY_VERIFY_WITH_TIMEOUT(showsPicture(*window.canvas(), source->picture()), kTimeoutMs);
        QTRY_VERIFY(scroll->viewport()->width() >= 560 && scroll->viewport()->height() >= 420);
        QCOMPARE(scroll->horizontalScrollBar()->maximum(), 0);
        QCOMPARE(scroll->verticalScrollBar()->maximum(), 0);
        const QSize grown = window.size();
        QVERIFY(grown.height() > first.height());

        source->resize(300, 200, 0xff405060u);
        QTRY_VERIFY_WITH_TIMEOUT(showsPicture(*window.canvas(), source->picture()), kTimeoutMs);
        QTest::qWait(100);
        QCOMPARE(window.size(), grown);
    }
};

QTEST_MAIN(TestViewerWidget)
#include "tst_viewerwidget.moc"
