// The viewer window against a real in-process HostSession sharing a widget over loopback
// TLS: the picture is the session's framebuffer pixel for pixel and repaints only what
// changed; control is asked for, shown and given back, and input reaches the host only
// in between; pass-to offers control to another window; the host ending, hiding or
// closing its window and a dropped connection are said in the message bar, and Reconnect
// joins the host again when it is back on the same port; a passcode the link lacks is
// asked for there, asked again when wrong, and too many wrong ones say to wait.

#include "ViewerTestHost.h"
#include "core/viewer/ViewerSession.h"
#include "ui/viewer/FloorIndicator.h"
#include "ui/viewer/ViewerStatusBanner.h"
#include "ui/viewer/ViewerToolbar.h"
#include "ui/viewer/ViewerWidget.h"
#include "ui/viewer/ViewerWindow.h"

#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPaintEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QTcpSocket>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace baton;
using namespace baton::ui;

namespace {

constexpr int kTimeoutMs = 20000;

// What the shared widget looks like, rendered by Qt itself: the independent reference.
QImage rendered(QWidget &widget)
{
    return widget.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

bool sameRgb(const QImage &a, const QImage &b)
{
    return a.size() == b.size() &&
        a.convertToFormat(QImage::Format_RGB32) == b.convertToFormat(QImage::Format_RGB32);
}

std::unique_ptr<ViewerWindow> openViewer(const InviteLink &link, const char *name)
{
    net::ViewerOptions options;
    options.displayName = name;
    options.featureFlags = protocol::HelloPdu::kFeatureFrameAck | protocol::HelloPdu::kFeatureInput;
    auto window = std::make_unique<ViewerWindow>(link, options);
    window->resize(640, 480);
    window->show();
    window->start();
    return window;
}

std::unique_ptr<ViewerWindow> openViewer(const HostSession &host, const char *name)
{
    return openViewer(host.inviteLink(), name);
}

// Types a passcode into the message bar and presses Enter; the window is joining again
// when this returns.
void answerPasscode(ViewerWindow &window, const QString &passcode)
{
    QLineEdit *field = window.banner()->passcodeField();
    QTest::keyClicks(field, passcode);
    QTest::keyClick(field, Qt::Key_Return);
}

bool showsPicture(const ViewerWindow &window)
{
    const ViewerSession *session = window.session();
    return session && session->isJoined() && !session->framebuffer().isNull() &&
        test::sameAsFrame(window.canvas()->image(), session->framebuffer());
}

// Records the rectangles a widget repaints.
class PaintRecorder : public QObject {
public:
    explicit PaintRecorder(QWidget *widget) { widget->installEventFilter(this); }
    QRegion painted;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            painted += static_cast<QPaintEvent *>(event)->region();
        return QObject::eventFilter(watched, event);
    }
};

// The canvas position of the centre of a child of the shared window.
QPoint canvasPointOf(const ViewerWindow &window, const QWidget &child)
{
    const QPoint inShared = child.mapTo(child.window(), child.rect().center());
    return (window.canvas()->fromPicture(inShared) + QPointF(0.5, 0.5)).toPoint();
}

} // namespace

class TestViewerWindow : public QObject {
    Q_OBJECT

private slots:
    void pictureIsTheFramebufferAndRepaintsOnlyChanges()
    {
        test::SharedForm form;
        form.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form.window));
        test::WidgetHost host(&form.window);
        QVERIFY(host.start());
        auto window = openViewer(*host.session, "Ana");
        QTRY_VERIFY_WITH_TIMEOUT(showsPicture(*window), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(sameRgb(window->canvas()->image(), rendered(form.window)),
                                 kTimeoutMs);
        QVERIFY(!window->fitsToWindow());
        QCOMPARE(window->canvas()->scaling(), ViewerWidget::Scaling::OneToOne);
        QVERIFY(window->banner()->isHidden());
        QVERIFY(window->windowTitle().contains(QStringLiteral("Shared form")));

        // Pixel for pixel: the canvas is at least the picture, and what it paints there is it.
        QTRY_VERIFY(window->canvas()->width() >= form.window.width());
        const QPoint origin = window->canvas()->fromPicture({0, 0}).toPoint();
        QCOMPARE(window->canvas()->fromPicture({10, 7}), QPointF(origin + QPoint(10, 7)));
        const QImage shot =
            window->canvas()->grab().toImage().convertToFormat(QImage::Format_RGB32);
        // (The button: the host's pointer is drawn at the window's corner, over the label.)
        const QRect buttonRect = form.button->geometry();
        QVERIFY(sameRgb(shot.copy(buttonRect.translated(origin)),
                        rendered(form.window).copy(buttonRect)));
        const QRect labelRect = form.label->geometry();

        // A smaller window scrolls instead of scaling.
        window->resize(200, 160);
        QTRY_VERIFY(window->scrollArea()->horizontalScrollBar()->maximum() > 0);
        QCOMPARE(window->canvas()->fromPicture({1, 0}).x() -
                     window->canvas()->fromPicture({0, 0}).x(),
                 1.0);
        window->setFitToWindow(true);
        QTRY_COMPARE(window->scrollArea()->horizontalScrollBar()->maximum(), 0);
        QVERIFY(window->canvas()->fromPicture({100, 0}).x() -
                    window->canvas()->fromPicture({0, 0}).x() <
                100);
        window->setFitToWindow(false);
        window->resize(640, 480);
        QTRY_VERIFY(window->canvas()->width() >= form.window.width());

        // A change on the host: the picture follows, and only the changed part is repainted.
        QTest::qWait(200); // let the resize's full repaints settle before recording
        PaintRecorder recorder(window->canvas());
        form.label->setText(QStringLiteral("Changed"));
        QTRY_VERIFY_WITH_TIMEOUT(sameRgb(window->canvas()->image(), rendered(form.window)),
                                 kTimeoutMs);
        QTRY_VERIFY(!recorder.painted.isEmpty());
        QVERIFY(showsPicture(*window));
        const QRect whole = window->canvas()->rect();
        const QRect painted = recorder.painted.boundingRect();
        QVERIFY2(painted.width() * painted.height() < whole.width() * whole.height() / 4,
                 "far more than the label was repainted");
        const QPoint originNow = window->canvas()->fromPicture({0, 0}).toPoint();
        QVERIFY(painted.intersects(labelRect.translated(originNow)));
    }

    // Edit ▸ Copy picture puts the framebuffer on the clipboard, without the pointer; its
    // shortcut is the viewer's only while the keys are not the host's.
    void copyPictureCopiesTheFramebuffer()
    {
        test::SharedForm form;
        form.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form.window));
        test::WidgetHost host(&form.window);
        QVERIFY(host.start());
        auto window = openViewer(*host.session, "Ana");
        QTRY_VERIFY_WITH_TIMEOUT(showsPicture(*window), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(sameRgb(window->canvas()->image(), rendered(form.window)),
                                 kTimeoutMs);
        QGuiApplication::clipboard()->clear();
        QCOMPARE(window->copyPictureAction()->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
        window->copyPictureAction()->trigger();
        QVERIFY(sameRgb(QGuiApplication::clipboard()->image(), rendered(form.window)));

        window->toolbar()->requestAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window->session()->holdsFloor(), kTimeoutMs);
        QVERIFY(window->copyPictureAction()->shortcut().isEmpty());
        QVERIFY(window->copyPictureAction()->isEnabled()); // the menu still copies
    }

    // A host busy with connections says so; the window tries again by itself and joins
    // once a slot is free.
    void aBusyHostIsTriedAgain()
    {
        test::SharedForm form;
        form.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form.window));
        test::WidgetHost host(&form.window);
        host.pendingHandshakes = {1, 1, 1}; // one handshake at a time, one busy reply
        QVERIFY(host.start());
        // Someone else holds the only slot: a connection that never starts TLS.
        auto holder = std::make_unique<QTcpSocket>();
        QVERIFY(holder->bind(QHostAddress(QStringLiteral("127.0.0.2"))));
        holder->connectToHost(QHostAddress::LocalHost, host.session->port());
        QVERIFY(holder->waitForConnected(kTimeoutMs));
        QTRY_COMPARE_WITH_TIMEOUT(host.session->listener().pendingHandshakes(), 1, kTimeoutMs);

        auto window = openViewer(*host.session, "Ana");
        QTRY_VERIFY_WITH_TIMEOUT(window->banner()->text().contains(QLatin1String("busy")),
                                 kTimeoutMs);
        QVERIFY(window->hasEnded());
        holder.reset(); // the slot frees
        QTRY_VERIFY_WITH_TIMEOUT(showsPicture(*window), kTimeoutMs);
        QVERIFY(!window->hasEnded());
    }

    void controlIsShownAndGatesInput()
    {
        test::SharedForm form;
        form.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form.window));
        form.edit->setFocus();
        test::WidgetHost host(&form.window);
        QVERIFY(host.start());
        auto window = openViewer(*host.session, "Ana");
        QTRY_VERIFY_WITH_TIMEOUT(showsPicture(*window), kTimeoutMs);
        ViewerToolbar *toolbar = window->toolbar();
        QTRY_COMPARE(toolbar->floorText(), QStringLiteral("In control: Test host (host)"));
        QVERIFY(!window->floorIndicator()->isActive());
        QVERIFY(!window->floorIndicator()->chip()->isVisible());
        QVERIFY(toolbar->requestAction()->isEnabled());
        QVERIFY(!toolbar->releaseAction()->isEnabled());
        QVERIFY(!toolbar->passAction()->isEnabled());
        QCOMPARE(window->canvas()->focusPolicy(), Qt::NoFocus);

        // Without the floor nothing is sent: keys and clicks stay here.
        QTest::keyClicks(window->canvas(), QStringLiteral("xy"));
        QTest::mouseClick(window->canvas(), Qt::LeftButton, {},
                          canvasPointOf(*window, *form.button));

        toolbar->requestAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window->session()->holdsFloor(), kTimeoutMs);
        QVERIFY(window->floorIndicator()->isActive());
        QVERIFY(window->floorIndicator()->chip()->isVisible());
        QCOMPARE(toolbar->floorText(), QStringLiteral("In control: you"));
        QVERIFY(!toolbar->requestAction()->isEnabled());
        QVERIFY(toolbar->releaseAction()->isEnabled());
        QVERIFY(toolbar->passAction()->isEnabled());
        QCOMPARE(window->canvas()->focusPolicy(), Qt::StrongFocus);

        QTest::keyClicks(window->canvas(), QStringLiteral("ok"));
        QTRY_COMPARE_WITH_TIMEOUT(form.edit->text(), QStringLiteral("ok"), kTimeoutMs);
        QTest::keyClick(window->canvas(), Qt::Key_Backspace);
        QTRY_COMPARE_WITH_TIMEOUT(form.edit->text(), QStringLiteral("o"), kTimeoutMs);
        QTest::mouseClick(window->canvas(), Qt::LeftButton, {},
                          canvasPointOf(*window, *form.button));
        QTRY_COMPARE_WITH_TIMEOUT(form.clicks, 1, kTimeoutMs);

        toolbar->releaseAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!window->session()->holdsFloor() &&
                                     window->session()->floorHolder() == protocol::kHostUserId,
                                 kTimeoutMs);
        QVERIFY(!window->floorIndicator()->isActive());
        QVERIFY(!window->floorIndicator()->chip()->isVisible());
        QCOMPARE(window->canvas()->focusPolicy(), Qt::NoFocus);
        QTest::keyClicks(window->canvas(), QStringLiteral("zz"));
        QTest::mouseClick(window->canvas(), Qt::LeftButton, {},
                          canvasPointOf(*window, *form.button));

        // In control again: what arrives now comes after everything sent before, so the
        // keys and clicks made without the floor would be in the field by then.
        window->requestControl();
        QTRY_VERIFY_WITH_TIMEOUT(window->session()->holdsFloor(), kTimeoutMs);
        QTest::keyClicks(window->canvas(), QStringLiteral("!"));
        QTRY_COMPARE_WITH_TIMEOUT(form.edit->text(), QStringLiteral("o!"), kTimeoutMs);
        QCOMPARE(form.clicks, 1);
        QCOMPARE(host.session->floor().droppedInputEvents(), 0);

        // The host takes control back: the indicator goes and the bar says why.
        host.session->floor().revoke();
        QTRY_VERIFY_WITH_TIMEOUT(!window->floorIndicator()->isActive(), kTimeoutMs);
        QTRY_COMPARE(window->banner()->text(), QStringLiteral("The host took control back."));
    }

    void passToOffersControl()
    {
        test::SharedForm form;
        form.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form.window));
        test::WidgetHost host(&form.window);
        QVERIFY(host.start());
        auto ana = openViewer(*host.session, "Ana");
        auto bo = openViewer(*host.session, "Bo");
        QTRY_VERIFY_WITH_TIMEOUT(showsPicture(*ana) && showsPicture(*bo), kTimeoutMs);
        ana->requestControl();
        QTRY_VERIFY_WITH_TIMEOUT(ana->session()->holdsFloor(), kTimeoutMs);
        QTRY_COMPARE(bo->toolbar()->floorText(), QStringLiteral("In control: Ana"));

        // Ana's menu lists the others; passing to Bo, who did not ask, offers it to him.
        QMenu *menu = ana->toolbar()->passMenu();
        QTRY_COMPARE(menu->actions().size(), 2);
        QAction *toBo = nullptr;
        for (QAction *action : menu->actions())
            if (action->text() == QStringLiteral("Bo"))
                toBo = action;
        QVERIFY(toBo);
        toBo->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(bo->banner()->text(),
                                  QStringLiteral("You are offered control of the shared window."),
                                  kTimeoutMs);
        const QList<QToolButton *> buttons = bo->banner()->buttons();
        QCOMPARE(buttons.size(), 2);
        QTest::mouseClick(buttons.first(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(bo->session()->holdsFloor(), kTimeoutMs);
        QVERIFY(bo->floorIndicator()->isActive());
        QTRY_VERIFY(!ana->floorIndicator()->isActive());
        QTRY_COMPARE(ana->toolbar()->floorText(), QStringLiteral("In control: Bo"));
        QVERIFY(bo->banner()->isHidden());
    }

    void liveStatsAreShown()
    {
        test::SharedForm form;
        form.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form.window));
        test::WidgetHost host(&form.window);
        QVERIFY(host.start());
        auto window = openViewer(*host.session, "Ana");
        QTRY_VERIFY_WITH_TIMEOUT(showsPicture(*window), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(window->toolbar()->statsText().contains(QStringLiteral("fps")),
                                 kTimeoutMs);
        QVERIFY(window->toolbar()->statsText().contains(QStringLiteral("bit/s")));
    }

    void hostEndsAndReconnectRejoins()
    {
        test::SharedForm form;
        form.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form.window));
        test::WidgetHost host(&form.window);
        QVERIFY(host.start());
        const quint16 port = host.session->port();
        auto window = openViewer(*host.session, "Ana");
        QTRY_VERIFY_WITH_TIMEOUT(showsPicture(*window), kTimeoutMs);
        window->setFitToWindow(true);
        QVERIFY(!window->toolbar()->reconnectAction()->isEnabled());

        host.session->stop();
        QTRY_VERIFY_WITH_TIMEOUT(window->hasEnded(), kTimeoutMs);
        QCOMPARE(window->banner()->text(), QStringLiteral("The host ended the session."));
        QVERIFY(window->banner()->isVisible());
        QCOMPARE(window->banner()->buttons().size(), 1);
        QCOMPARE(window->banner()->buttons().first()->defaultAction(),
                 window->toolbar()->reconnectAction());
        QVERIFY(window->toolbar()->reconnectAction()->isEnabled());
        QVERIFY(!window->toolbar()->requestAction()->isEnabled());
        QVERIFY(window->windowTitle().contains(QStringLiteral("ended")));

        // The host comes back on the same port; Reconnect joins it in the same window.
        host.session.reset();
        QVERIFY(host.start(port));
        form.label->setText(QStringLiteral("Back again"));
        QTest::mouseClick(window->banner()->buttons().first(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!window->hasEnded() && showsPicture(*window), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(sameRgb(window->canvas()->image(), rendered(form.window)),
                                 kTimeoutMs);
        QVERIFY(window->banner()->isHidden());
        QVERIFY(!window->toolbar()->reconnectAction()->isEnabled());
        QTRY_COMPARE(host.session->viewerCount(), 1);
        // The window's own choice survives the reconnection.
        QVERIFY(window->fitsToWindow());
        QCOMPARE(window->canvas()->scaling(), ViewerWidget::Scaling::Fit);
    }

    void hiddenAndClosedWindowsAreSaid()
    {
        auto form = std::make_unique<test::SharedForm>();
        form->window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form->window));
        test::WidgetHost host(&form->window);
        QVERIFY(host.start());
        auto window = openViewer(*host.session, "Ana");
        QTRY_VERIFY_WITH_TIMEOUT(showsPicture(*window), kTimeoutMs);

        form->window.hide();
        QTRY_VERIFY_WITH_TIMEOUT(window->banner()->text().contains(QStringLiteral("hidden")),
                                 kTimeoutMs);
        QCOMPARE(window->banner()->kind(), ViewerStatusBanner::Kind::Warning);
        form->window.show();
        QTRY_VERIFY_WITH_TIMEOUT(window->banner()->isHidden(), kTimeoutMs);

        form.reset();
        QTRY_VERIFY_WITH_TIMEOUT(window->hasEnded(), kTimeoutMs);
        QCOMPARE(window->banner()->text(),
                 QStringLiteral("The shared window was closed on the host, so the session ended."));
        QVERIFY(window->toolbar()->reconnectAction()->isEnabled());
    }

    void droppedConnectionOffersReconnect()
    {
        test::SharedForm form;
        form.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form.window));
        test::WidgetHost host(&form.window);
        QVERIFY(host.start());
        auto window = openViewer(*host.session, "Ana");
        QTRY_VERIFY_WITH_TIMEOUT(showsPicture(*window), kTimeoutMs);
        window->session()->connection()->abort(protocol::CloseReason::ConnectionLost,
                                               QStringLiteral("cable pulled"));
        QTRY_VERIFY_WITH_TIMEOUT(window->hasEnded(), kTimeoutMs);
        QVERIFY(window->banner()->text().startsWith(
            QStringLiteral("The connection to the host was lost")));
        QVERIFY(window->banner()->text().contains(QStringLiteral("cable pulled")));
        QCOMPARE(window->banner()->kind(), ViewerStatusBanner::Kind::Error);
        window->reconnect();
        QTRY_VERIFY_WITH_TIMEOUT(!window->hasEnded() && showsPicture(*window), kTimeoutMs);
        QVERIFY(window->banner()->isHidden());
    }

    void aMissingPasscodeIsAskedForAndAWrongOneAgain()
    {
        test::SharedForm form;
        form.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form.window));
        test::WidgetHost host(&form.window);
        host.passcode = "4711";
        QVERIFY(host.start());
        InviteLink link = host.session->inviteLink();
        QCOMPARE(link.passcode, QStringLiteral("4711"));
        link.passcode.clear();
        auto window = openViewer(link, "Ana");

        // No passcode in the link: the bar asks for it, with a field and Join.
        ViewerStatusBanner *banner = window->banner();
        QLineEdit *field = banner->passcodeField();
        QTRY_VERIFY_WITH_TIMEOUT(window->hasEnded(), kTimeoutMs);
        QVERIFY(!field->isHidden());
        QVERIFY2(banner->text().contains(QStringLiteral("asks for a passcode")),
                 qPrintable(banner->text()));
        QCOMPARE(banner->kind(), ViewerStatusBanner::Kind::Information);
        QVERIFY(field->text().isEmpty());
        QCOMPARE(field->echoMode(), QLineEdit::Password);
        QVERIFY(!field->accessibleName().isEmpty());
        QCOMPARE(banner->buttons().size(), 1);
        QToolButton *join = banner->buttons().first();
        QVERIFY(!join->isEnabled()); // nothing typed yet
        QCOMPARE(host.session->viewerCount(), 0);

        // A wrong one: asked again, and told it was wrong.
        answerPasscode(*window, QStringLiteral("1234"));
        QVERIFY(!window->hasEnded());
        QVERIFY(field->isHidden());
        QTRY_VERIFY_WITH_TIMEOUT(window->hasEnded(), kTimeoutMs);
        QVERIFY2(banner->text().startsWith(QStringLiteral("Wrong passcode")),
                 qPrintable(banner->text()));
        QCOMPARE(banner->kind(), ViewerStatusBanner::Kind::Warning);
        QVERIFY(!field->isHidden());
        QVERIFY(field->text().isEmpty());
        QCOMPARE(window->link().passcode, QStringLiteral("1234"));

        // The right one, with the Join button this time: the window joins.
        QTest::keyClicks(field, QStringLiteral("4711"));
        QVERIFY(banner->buttons().first()->isEnabled());
        QTest::mouseClick(banner->buttons().first(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(showsPicture(*window), kTimeoutMs);
        QVERIFY(!window->hasEnded());
        QVERIFY(banner->isHidden());
        QVERIFY(field->isHidden() && field->text().isEmpty());
        QCOMPARE(window->link().passcode, QStringLiteral("4711"));
        QTRY_COMPARE(host.session->viewerCount(), 1);
    }

    void tooManyWrongPasscodesSayToWait()
    {
        test::SharedForm form;
        form.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form.window));
        test::WidgetHost host(&form.window);
        host.passcode = "4711";
        QVERIFY(host.start());
        InviteLink link = host.session->inviteLink();
        link.passcode = QStringLiteral("0000");
        auto window = openViewer(link, "Ana");
        ViewerStatusBanner *banner = window->banner();

        // Wrong again and again, each time asked again, until the host stops listening.
        int attempts = 1;
        QTRY_VERIFY_WITH_TIMEOUT(window->hasEnded(), kTimeoutMs);
        while (!banner->passcodeField()->isHidden() && attempts < 20) {
            QVERIFY2(banner->text().startsWith(QStringLiteral("Wrong passcode")),
                     qPrintable(banner->text()));
            answerPasscode(*window, QStringLiteral("%1").arg(attempts, 4, 10, QLatin1Char('0')));
            ++attempts;
            QTRY_VERIFY_WITH_TIMEOUT(window->hasEnded(), kTimeoutMs);
        }
        QVERIFY2(attempts > 2 && attempts < 20, qPrintable(QString::number(attempts)));

        // Blocked: the bar says to wait, asks nothing, and offers Reconnect for later.
        QVERIFY2(banner->text().contains(QStringLiteral("Wait a minute")),
                 qPrintable(banner->text()));
        QCOMPARE(banner->kind(), ViewerStatusBanner::Kind::Error);
        QVERIFY(banner->passcodeField()->isHidden());
        QCOMPARE(banner->buttons().size(), 1);
        QCOMPARE(banner->buttons().first()->defaultAction(), window->toolbar()->reconnectAction());
        QCOMPARE(host.session->viewerCount(), 0);
    }

    void everyActionHasAMnemonicAndAName()
    {
        ViewerWindow window(
            InviteLink::parse(
                QStringLiteral("baton://127.0.0.1:9/x?fp=%1").arg(QString(64, QLatin1Char('0'))))
                .value(),
            {});
        QStringList menuKeys;
        for (QAction *menuAction : window.menuBar()->actions()) {
            menuKeys << QKeySequence::mnemonic(menuAction->text()).toString();
            QStringList itemKeys;
            for (QAction *item : menuAction->menu()->actions()) {
                if (item->isSeparator())
                    continue;
                const QKeySequence key = QKeySequence::mnemonic(item->text());
                QVERIFY2(!key.isEmpty(), qPrintable(item->text()));
                QVERIFY2(!itemKeys.contains(key.toString()), qPrintable(item->text()));
                itemKeys << key.toString();
            }
        }
        QCOMPARE(menuKeys.removeDuplicates(), 0);
        for (QWidget *widget : std::initializer_list<QWidget *>{
                 window.canvas(), window.scrollArea(), window.toolbar(), window.banner(),
                 window.floorIndicator()->chip()})
            QVERIFY2(!widget->accessibleName().isEmpty(), widget->metaObject()->className());
    }

    void closingLeavesTheSession()
    {
        test::SharedForm form;
        form.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form.window));
        test::WidgetHost host(&form.window);
        QVERIFY(host.start());
        auto window = openViewer(*host.session, "Ana");
        QTRY_VERIFY_WITH_TIMEOUT(showsPicture(*window), kTimeoutMs);
        QTRY_COMPARE(host.session->viewerCount(), 1);
        window->close();
        QTRY_COMPARE_WITH_TIMEOUT(host.session->viewerCount(), 0, kTimeoutMs);
        window.reset();
    }
};

QTEST_MAIN(TestViewerWindow)
#include "tst_viewerwindow.moc"
