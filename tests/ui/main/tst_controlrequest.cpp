// Control-request notifications (one popup per request, Approve / Deny answer for the
// right viewer, withdrawal closes) and the tray icon's state and menu.

#include "ui/tray/ControlRequestPopup.h"
#include "ui/tray/ControlRequests.h"
#include "ui/tray/TrayIcon.h"

#include <QAction>
#include <QGuiApplication>
#include <QMenu>
#include <QPushButton>
#include <QScreen>
#include <QSet>
#include <QSignalSpy>
#include <QStyle>
#include <QTest>

using baton::ui::ControlRequestPopup;
using baton::ui::ControlRequests;
using baton::ui::TrayIcon;

class TestControlRequest : public QObject {
    Q_OBJECT
private slots:
    void approveAndDenyAnswerTheRightViewer()
    {
        ControlRequests requests;
        QSignalSpy approved(&requests, &ControlRequests::approved);
        QSignalSpy denied(&requests, &ControlRequests::denied);
        requests.request(7, QStringLiteral("Ana"));
        requests.request(9, QStringLiteral("Bea"));
        requests.request(7, QStringLiteral("Ana")); // asked twice: still one popup
        QCOMPARE(requests.count(), 2);
        QPointer<ControlRequestPopup> ana = requests.popup(7);
        QPointer<ControlRequestPopup> bea = requests.popup(9);
        QVERIFY(ana && bea);
        QVERIFY(ana->isVisible());
        QCOMPARE(ana->approveButton()->text(), QStringLiteral("&Approve"));
        QCOMPARE(ana->denyButton()->text(), QStringLiteral("&Deny"));
        QVERIFY(ana->accessibleName().contains(QLatin1String("Ana")));

        // Stacked in the bottom-right corner of the screen, not on top of each other.
        const QRect area = QGuiApplication::primaryScreen()->availableGeometry();
        QVERIFY(area.contains(ana->geometry()));
        QVERIFY(area.contains(bea->geometry()));
        QVERIFY(!ana->geometry().intersects(bea->geometry()));
        QVERIFY(ana->geometry().right() > area.center().x());
        QVERIFY(ana->geometry().bottom() > area.center().y());

        QTest::mouseClick(bea->denyButton(), Qt::LeftButton);
        QCOMPARE(denied.size(), 1);
        QCOMPARE(denied.at(0).at(0).value<uint16_t>(), uint16_t(9));
        QTest::mouseClick(ana->approveButton(), Qt::LeftButton);
        QCOMPARE(approved.size(), 1);
        QCOMPARE(approved.at(0).at(0).value<uint16_t>(), uint16_t(7));
        QCOMPARE(denied.size(), 1);
        // Answered popups close and go away.
        QTRY_VERIFY_WITH_TIMEOUT(!ana && !bea, 10000);
        QCOMPARE(requests.count(), 0);
    }

    void popupAnswersOnce()
    {
        auto *popup = new ControlRequestPopup(3, QStringLiteral("Cy"));
        QPointer<ControlRequestPopup> guard(popup);
        QSignalSpy approved(popup, &ControlRequestPopup::approved);
        QSignalSpy denied(popup, &ControlRequestPopup::denied);
        popup->show();
        popup->approveButton()->click();
        popup->denyButton()->click();
        QCOMPARE(approved.size(), 1);
        QCOMPARE(approved.at(0).at(0).value<uint16_t>(), uint16_t(3));
        QCOMPARE(denied.size(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!guard, 10000);
    }

    void withdrawnRequestCloses()
    {
        ControlRequests requests;
        QSignalSpy approved(&requests, &ControlRequests::approved);
        QSignalSpy denied(&requests, &ControlRequests::denied);
        requests.request(4, QStringLiteral("Dee"));
        requests.request(5, QStringLiteral("Eve"));
        QPointer<ControlRequestPopup> dee = requests.popup(4);
        requests.withdraw(6); // nobody's: nothing happens
        QVERIFY(dee);
        requests.withdraw(4);
        QTRY_VERIFY_WITH_TIMEOUT(!dee, 10000);
        QCOMPARE(requests.count(), 1);
        QVERIFY(requests.popup(5));
        requests.clear();
        QCOMPARE(requests.count(), 0);
        QCOMPARE(approved.size() + denied.size(), 0);
    }

    void trayShowsSharingStateAndEmitsMenuRequests()
    {
        const QIcon icon = qApp->style()->standardIcon(QStyle::SP_ComputerIcon);
        TrayIcon tray(icon);
        QCOMPARE(tray.toolTip(), QStringLiteral("Baton: not sharing"));
        QVERIFY(!tray.stopSharingAction()->isEnabled());
        QVERIFY(!tray.takeBackAction()->isEnabled());

        tray.setSharing(true, QStringLiteral("Editor"));
        QCOMPARE(tray.toolTip(), QStringLiteral("Baton: sharing “Editor”"));
        QVERIFY(tray.stopSharingAction()->isEnabled());
        QVERIFY(tray.takeBackAction()->isEnabled());
        QVERIFY(tray.icon().pixmap(32).toImage() != icon.pixmap(32).toImage());

        QSignalSpy show(&tray, &TrayIcon::showRequested);
        QSignalSpy stop(&tray, &TrayIcon::stopSharingRequested);
        QSignalSpy takeBack(&tray, &TrayIcon::takeBackRequested);
        QSignalSpy quit(&tray, &TrayIcon::quitRequested);
        tray.showAction()->trigger();
        tray.stopSharingAction()->trigger();
        tray.takeBackAction()->trigger();
        tray.quitAction()->trigger();
        QCOMPARE(show.size(), 1);
        QCOMPARE(stop.size(), 1);
        QCOMPARE(takeBack.size(), 1);
        QCOMPARE(quit.size(), 1);

        // Every entry has its own mnemonic.
        QSet<QChar> mnemonics;
        for (QAction *action : tray.menu()->actions()) {
            if (action->isSeparator())
                continue;
            const qsizetype amp = action->text().indexOf(QLatin1Char('&'));
            QVERIFY2(amp >= 0 && amp + 1 < action->text().size(), qPrintable(action->text()));
            const QChar key = action->text().at(amp + 1).toLower();
            QVERIFY2(!mnemonics.contains(key), qPrintable(action->text()));
            mnemonics.insert(key);
        }
        QCOMPARE(mnemonics.size(), 4);

        tray.setSharing(false, {});
        QCOMPARE(tray.toolTip(), QStringLiteral("Baton: not sharing"));
        QVERIFY(!tray.stopSharingAction()->isEnabled());
    }
};

QTEST_MAIN(TestControlRequest)
#include "tst_controlrequest.moc"
