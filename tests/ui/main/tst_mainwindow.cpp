// The main window's shell: panels reached by the sidebar and by Ctrl+N, the menus and
// their mnemonics, Getting started on F1, the status line.

#include "ui/main/GettingStartedDialog.h"
#include "ui/main/MainWindow.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>

using baton::ui::GettingStartedDialog;
using baton::ui::MainWindow;

namespace {

QWidget *placeholder(const QString &text)
{
    auto *label = new QLabel(text);
    label->setAlignment(Qt::AlignCenter);
    return label;
}

QMenu *menuTitled(const QMainWindow &window, const QString &title)
{
    for (QAction *action : window.menuBar()->actions()) {
        if (action->text() == title)
            return action->menu();
    }
    return nullptr;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void sidebarSwitchesPanels()
    {
        MainWindow window;
        QCOMPARE(window.addPanel(placeholder(QStringLiteral("share")), QStringLiteral("Share"), {}),
                 0);
        QCOMPARE(window.addPanel(placeholder(QStringLiteral("join")), QStringLiteral("Join"), {}),
                 1);
        QCOMPARE(window.addPanel(placeholder(QStringLiteral("displays")),
                                 QStringLiteral("Displays"), {}),
                 2);
        QCOMPARE(window.panelCount(), 3);
        QCOMPARE(window.currentPanel(), 0);
        QCOMPARE(window.sidebar()->count(), 3);
        QCOMPARE(window.sidebar()->item(1)->text(), QStringLiteral("Join"));
        QCOMPARE(window.panel(1)->accessibleName(), QStringLiteral("Join"));

        QSignalSpy changed(&window, &MainWindow::currentPanelChanged);
        window.sidebar()->setCurrentRow(2);
        QCOMPARE(window.currentPanel(), 2);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toInt(), 2);

        // The keyboard path: focus on the sidebar, arrow up.
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.sidebar()->setFocus();
        QTest::keyClick(window.sidebar(), Qt::Key_Up);
        QCOMPARE(window.currentPanel(), 1);
        QCOMPARE(window.sidebar()->currentRow(), 1);
    }

    void ctrlNumberSwitchesPanels()
    {
        MainWindow window;
        window.addPanel(placeholder(QStringLiteral("share")), QStringLiteral("Share"), {});
        window.addPanel(placeholder(QStringLiteral("join")), QStringLiteral("Join"), {});
        window.addPanel(placeholder(QStringLiteral("displays")), QStringLiteral("Displays"), {});
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        QTRY_VERIFY_WITH_TIMEOUT(window.isActiveWindow(), 10000);

        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(window.currentPanel(), 2);
        QCOMPARE(window.sidebar()->currentRow(), 2);
        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(window.currentPanel(), 0);
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(window.currentPanel(), 1);
        // No fourth panel: Ctrl+4 does nothing.
        QTest::keyClick(&window, Qt::Key_4, Qt::ControlModifier);
        QCOMPARE(window.currentPanel(), 1);
    }

    void menusHaveMnemonicsAndShortcuts()
    {
        MainWindow window;
        window.addPanel(placeholder(QStringLiteral("share")), QStringLiteral("Share"), {});
        QMenu *file = menuTitled(window, QStringLiteral("&File"));
        QMenu *view = menuTitled(window, QStringLiteral("&View"));
        QMenu *help = menuTitled(window, QStringLiteral("&Help"));
        QVERIFY(file && view && help);
        QVERIFY(file->actions().contains(window.settingsAction()));
        QVERIFY(file->actions().contains(window.quitAction()));
        QCOMPARE(help->actions().value(0), window.gettingStartedAction());
        QVERIFY(help->actions().contains(window.aboutAction()));
        QCOMPARE(window.settingsAction()->text(), QStringLiteral("&Settings…"));
        QCOMPARE(window.settingsAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+,")));
        QCOMPARE(window.quitAction()->text(), QStringLiteral("&Quit"));
        QCOMPARE(window.quitAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+Q")));
        QCOMPARE(window.aboutAction()->text(), QStringLiteral("&About Baton"));
        QCOMPARE(window.gettingStartedAction()->text(), QStringLiteral("&Getting started…"));
        QCOMPARE(window.gettingStartedAction()->shortcut(), QKeySequence(Qt::Key_F1));
        QCOMPARE(view->actions().size(), 1);
        QCOMPARE(view->actions().first()->shortcut(), QKeySequence(QStringLiteral("Ctrl+1")));

        // Every entry of every menu has a mnemonic, and no two in a menu share one.
        for (QMenu *menu : {file, view, help}) {
            QSet<QChar> mnemonics;
            for (QAction *action : menu->actions()) {
                if (action->isSeparator() || menu == view)
                    continue;
                const qsizetype amp = action->text().indexOf(QLatin1Char('&'));
                QVERIFY2(amp >= 0 && amp + 1 < action->text().size(), qPrintable(action->text()));
                const QChar key = action->text().at(amp + 1).toLower();
                QVERIFY2(!mnemonics.contains(key), qPrintable(action->text()));
                mnemonics.insert(key);
            }
        }

        QSignalSpy settings(&window, &MainWindow::settingsRequested);
        QSignalSpy quit(&window, &MainWindow::quitRequested);
        window.settingsAction()->trigger();
        window.quitAction()->trigger();
        QCOMPARE(settings.size(), 1);
        QCOMPARE(quit.size(), 1);
    }

    void gettingStartedExplainsShareJoinAndControl()
    {
        MainWindow window;
        window.addPanel(placeholder(QStringLiteral("share")), QStringLiteral("Share"), {});
        window.setPanicShortcut(QKeySequence(QStringLiteral("Ctrl+Alt+F12")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        QTRY_VERIFY_WITH_TIMEOUT(window.isActiveWindow(), 10000);
        QVERIFY(!window.findChild<GettingStartedDialog *>());

        QTest::keyClick(&window, Qt::Key_F1);
        auto *dialog = window.findChild<GettingStartedDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY(!dialog->isModal());
        QVERIFY(!dialog->windowTitle().isEmpty());
        const QString text = dialog->text();
        for (const char *step : {"Start sharing", "invite link", "QR code", "Join", "passcode",
                                 "Request control", "approves", "Ctrl+Alt+F12"})
            QVERIFY2(text.contains(QLatin1String(step)), step);
        auto *label = dialog->findChild<QLabel *>(QStringLiteral("gettingStartedText"));
        QVERIFY(label && !label->accessibleName().isEmpty());

        // The menu entry raises the same dialog; Close closes it.
        window.gettingStartedAction()->trigger();
        QCOMPARE(window.findChildren<GettingStartedDialog *>().size(), 1);
        auto *box = dialog->findChild<QDialogButtonBox *>();
        QVERIFY(box);
        QTest::mouseClick(box->button(QDialogButtonBox::Close), Qt::LeftButton);
        QTRY_VERIFY(window.findChildren<GettingStartedDialog *>().isEmpty());
    }

    void statusBarShowsSharingStatus()
    {
        MainWindow window;
        QCOMPARE(window.sharingStatus(), QStringLiteral("Not sharing"));
        window.setSharingStatus(QStringLiteral("Sharing “Editor” with 2 viewers"));
        auto *label = window.statusBar()->findChild<QLabel *>(QStringLiteral("sharingStatus"));
        QVERIFY(label);
        QCOMPARE(label->text(), QStringLiteral("Sharing “Editor” with 2 viewers"));
        QVERIFY(!label->accessibleName().isEmpty());
        QVERIFY(!window.sidebar()->accessibleName().isEmpty());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
