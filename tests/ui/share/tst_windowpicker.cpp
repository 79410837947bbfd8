// The Share panel's window list on a real X server (Xvfb) with a real xterm: it shows
// up with its title and a thumbnail, the search filters by title, and Start shares the
// chosen window through the X11 backend with the frame drawn around it.

#include "core/capture/x11/XcbConnection.h"
#include "core/session/HostSession.h"
#include "tests/core/capture/XtermFixture.h"
#include "ui/share/SharePanel.h"
#include "ui/share/ShareableWindowsModel.h"
#include "ui/share/SharedWindowFrame.h"
#include "ui/share/WindowPicker.h"

#include <QAbstractItemModel>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace baton;
using namespace baton::ui;

namespace {

constexpr int kTimeoutMs = 10000;

QModelIndex findTitle(const QAbstractItemModel *model, const QString &title)
{
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, 0).data().toString() == title)
            return model->index(row, 0);
    return {};
}

} // namespace

class TestWindowPicker : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY"))
            QFAIL("needs an X server: run under xvfb-run (tools/dev test does)");
        server_ = test::holdXServer();
    }

    void xtermIsListedAndSearchFilters()
    {
        test::Xterm xterm(QStringLiteral("picker"));
        QVERIFY(xterm.windowId() != 0);
        WindowPicker picker;
        picker.resize(800, 600);
        picker.show();
        const QAbstractItemModel *shown = picker.view()->model();
        QTRY_VERIFY_WITH_TIMEOUT(findTitle(shown, xterm.title()).isValid(), kTimeoutMs);
        // Its thumbnail arrives from the worker thread.
        QTRY_VERIFY_WITH_TIMEOUT(
            !findTitle(shown, xterm.title()).data(Qt::DecorationRole).value<QImage>().isNull(),
            kTimeoutMs);
        const QImage thumbnail =
            findTitle(shown, xterm.title()).data(Qt::DecorationRole).value<QImage>();
        QVERIFY(thumbnail.width() <= 192 && thumbnail.height() <= 120);

        picker.searchField()->setText(xterm.title().toUpper().mid(2)); // any case, any part
        QCOMPARE(shown->rowCount(), 1);
        QCOMPARE(shown->index(0, 0).data().toString(), xterm.title());
        picker.searchField()->setText(QStringLiteral("no window is called this"));
        QCOMPARE(shown->rowCount(), 0);
        picker.searchField()->clear();
        QVERIFY(shown->rowCount() >= 1);

        // Gone from the list once the window closes.
        xterm.kill();
        QTRY_VERIFY_WITH_TIMEOUT(!findTitle(shown, xterm.title()).isValid(), kTimeoutMs);
    }

    // Baton's own windows (the main window, a viewer's window) are not offered: sharing
    // the sharing tool shows the participants their own list.
    void ownWindowsAreLeftOut()
    {
        test::Xterm xterm(QStringLiteral("picker-own"));
        QVERIFY(xterm.windowId() != 0);
        QWidget own;
        own.setWindowTitle(QStringLiteral("Baton test: a window of this process"));
        own.resize(320, 200);
        own.show();
        QVERIFY(QTest::qWaitForWindowExposed(&own));
        WindowPicker picker;
        picker.resize(800, 600);
        picker.show();
        const QAbstractItemModel *shown = picker.view()->model();
        QTRY_VERIFY_WITH_TIMEOUT(findTitle(shown, xterm.title()).isValid(), kTimeoutMs);
        QVERIFY(!findTitle(shown, own.windowTitle()).isValid());
    }

    void startSharesTheChosenWindow()
    {
        test::Xterm xterm(QStringLiteral("start"));
        QVERIFY(xterm.windowId() != 0);
        AppSettings settings;
        settings.defaultPort = 0;
        const auto identity = net::CertificateStore::generate(QStringLiteral("test"));
        QVERIFY(identity);
        SharePanel panel(settings, *identity);
        panel.resize(1000, 700);
        panel.show();
        QListView *view = panel.windowPicker()->view();
        QTRY_VERIFY_WITH_TIMEOUT(findTitle(view->model(), xterm.title()).isValid(), kTimeoutMs);
        QVERIFY(!panel.startButton()->isEnabled());
        view->setCurrentIndex(findTitle(view->model(), xterm.title()));
        QVERIFY(panel.startButton()->isEnabled());

        panel.startButton()->click();
        QVERIFY(panel.isSharing());
        QCOMPARE(panel.session()->source()->backendName(), QStringLiteral("x11"));
        // XTEST input and the local monitor were made for it: the status has no excuse.
        // The check box was on (the default): the xterm's menus are shared too.
        QVERIFY(panel.includeApplicationBox()->isChecked());
        QCOMPARE(panel.statusLabel()->text(),
                 QStringLiteral("Sharing the application of “%1” (its menus and dialogs too).")
                     .arg(xterm.title()));
        QCOMPARE(panel.session()->source()->window().title, xterm.title());
        QVERIFY(!panel.startButton()->isEnabled());
        QVERIFY(panel.stopButton()->isEnabled());
        const Rect geometry = panel.session()->source()->window().geometry;
        QVERIFY(panel.sharedWindowFrame()->isShown());
        QCOMPARE(panel.sharedWindowFrame()->around(),
                 QRect(geometry.x, geometry.y, geometry.width, geometry.height));
        // The frame is on the screen, in its colour, just outside the window.
        const QRgb colour = panel.sharedWindowFrame()->colour().rgb() & 0xffffffu;
        for (const QRect &edge : panel.sharedWindowFrame()->edgeGeometries()) {
            const Rect strip{edge.x(), edge.y(), edge.width(), edge.height()};
            QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    const Frame screen = test::screenCapture(strip);
                    return !screen.isNull() && (screen.pixel(0, 0) & 0xffffffu) == colour &&
                        (screen.pixel(screen.width() - 1, screen.height() - 1) & 0xffffffu) ==
                        colour;
                }(),
                kTimeoutMs);
        }
        // Its strips are not windows anyone could share.
        QSignalSpy refreshed(panel.windowPicker(), &WindowPicker::refreshed);
        panel.windowPicker()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.size() >= 1, kTimeoutMs);
        QVERIFY(!findTitle(view->model(),
                           SharedWindowFrame::tr("Baton: frame around the shared window"))
                     .isValid());
        // It follows the window.
        QVERIFY(test::xdotool({QStringLiteral("windowmove"), QString::number(xterm.windowId()),
                               QStringLiteral("300"), QStringLiteral("260")}));
        // (The window's contents start inside its 1-pixel X border.)
        QTRY_VERIFY_WITH_TIMEOUT(
            panel.sharedWindowFrame()->around().topLeft() == QPoint(300 + 1, 260 + 1), kTimeoutMs);
        const Rect moved = panel.session()->source()->window().geometry;
        QCOMPARE(panel.sharedWindowFrame()->around(),
                 QRect(moved.x, moved.y, moved.width, moved.height));

        panel.stopButton()->click();
        QVERIFY(!panel.isSharing());
        QVERIFY(!panel.sharedWindowFrame()->isShown());
        QVERIFY(panel.startButton()->isEnabled());

        // Without its menus and dialogs: the window alone, and the status says so.
        panel.includeApplicationBox()->click();
        QCOMPARE(settings.shareScope, ShareScope::Window);
        panel.startButton()->click();
        QVERIFY(panel.isSharing());
        QCOMPARE(panel.statusLabel()->text(),
                 QStringLiteral("Sharing the window “%1” only.").arg(xterm.title()));
        panel.stopButton()->click();
    }

private:
    std::unique_ptr<XcbConnection> server_;
};

QTEST_MAIN(TestWindowPicker)
#include "tst_windowpicker.moc"
