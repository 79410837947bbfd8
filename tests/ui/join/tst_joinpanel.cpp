// The Join panel: Join is enabled only for something that can be joined, and says why
// not in words; a link (pasted or typed in parts) opens a viewer window on a real
// in-process HostSession over loopback TLS; a session the host welcomed is remembered
// first among the recent sessions, which join again on Enter or a double click; a link
// that fails to join is not remembered; a passcode the window asked for is remembered
// with the link; with no recent sessions, the list says how to join.

#include "core/capture/SyntheticWindowSource.h"
#include "core/net/CertificateStore.h"
#include "core/session/HostSession.h"
#include "core/viewer/ViewerSession.h"
#include "ui/join/JoinForm.h"
#include "ui/join/JoinPanel.h"
#include "ui/join/RecentSessionsList.h"
#include "ui/settings/AppSettings.h"
#include "ui/viewer/ViewerStatusBanner.h"
#include "ui/viewer/ViewerWindow.h"

#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace baton;
using namespace baton::ui;

namespace {

constexpr int kTimeoutMs = 20000;
const QString kFingerprint =
    QStringLiteral("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

std::unique_ptr<HostSession> startHost(const std::string &passcode = {})
{
    static const auto identity = net::CertificateStore::generate(QStringLiteral("join-test"));
    HostSessionConfig config = loopbackConfig("join-test", "Join test host");
    config.listener.policy.passcode = passcode;
    auto host = std::make_unique<HostSession>(
        std::make_unique<SyntheticWindowSource>(SyntheticSceneKind::Idle, 320, 200), *identity,
        std::move(config));
    QString error;
    if (!host->start(&error))
        qWarning() << "host did not start:" << error;
    return host;
}

bool joined(const ViewerWindow *window)
{
    return window && window->session() && window->session()->isJoined() &&
        !window->session()->framebuffer().isNull();
}

} // namespace

class TestJoinPanel : public QObject {
    Q_OBJECT

private slots:
    void joinIsEnabledOnlyForAJoinableLink()
    {
        AppSettings settings;
        JoinPanel panel(settings);
        panel.show();
        JoinForm *form = panel.form();
        QPushButton *join = panel.joinButton();
        QVERIFY(!join->isEnabled());
        QCOMPARE(
            form->problem(),
            QStringLiteral(
                "Paste an invite link, or enter the host's address, session ID and fingerprint."));

        form->linkEdit()->setText(QStringLiteral("http://example.org/"));
        QVERIFY(!join->isEnabled());
        QString expected;
        QVERIFY(!InviteLink::parse(QStringLiteral("http://example.org/"), &expected));
        QCOMPARE(form->problem(), expected);
        QVERIFY(!form->hostEdit()->isEnabled());

        form->linkEdit()->setText(QStringLiteral("baton://laptop:1627/deck"));
        QVERIFY(!join->isEnabled());
        QVERIFY(form->problem().contains(QStringLiteral("fingerprint")));

        const QString good =
            QStringLiteral("baton://laptop:1627/deck?fp=%1&code=4711").arg(kFingerprint);
        form->linkEdit()->setText(good);
        QVERIFY(join->isEnabled());
        QVERIFY(form->problem().isEmpty());
        QCOMPARE(form->link()->toString(), good);

        // The parts, typed one by one.
        form->linkEdit()->clear();
        QVERIFY(form->hostEdit()->isEnabled());
        QTest::keyClicks(form->hostEdit(), QStringLiteral("laptop"));
        QVERIFY(!join->isEnabled());
        QCOMPARE(
            form->problem(),
            QStringLiteral("Enter the session ID: the part of the invite link after the port."));
        QTest::keyClicks(form->sessionEdit(), QStringLiteral("deck"));
        QVERIFY(!join->isEnabled());
        QVERIFY(form->problem().contains(QStringLiteral("fingerprint")));
        form->fingerprintEdit()->setText(QStringLiteral("00:11:zz"));
        QVERIFY(!join->isEnabled());
        QCOMPARE(form->problem(),
                 QStringLiteral("The certificate fingerprint must be 64 hexadecimal digits."));
        form->fingerprintEdit()->setText(QStringLiteral("00:11"));
        QVERIFY(!join->isEnabled());
        // Grouped and upper case, as hosts often show it.
        QString grouped;
        for (int i = 0; i < kFingerprint.size(); i += 2)
            grouped += (i ? QStringLiteral(":") : QString()) + kFingerprint.mid(i, 2).toUpper();
        form->fingerprintEdit()->setText(grouped);
        form->portSpin()->setValue(1627);
        QVERIFY(join->isEnabled());
        QVERIFY(form->problem().isEmpty());
        QCOMPARE(form->link()->toString(),
                 QStringLiteral("baton://laptop:1627/deck?fp=%1").arg(kFingerprint));
        QTest::keyClicks(form->passcodeEdit(), QStringLiteral("4711"));
        QCOMPARE(form->link()->toString(), good);

        form->hostEdit()->setText(QStringLiteral("bad host name"));
        QVERIFY(!join->isEnabled());
        QVERIFY(form->problem().contains(QStringLiteral("not a host name")));
    }

    void everyFieldHasAMnemonicAndAName()
    {
        AppSettings settings;
        JoinPanel panel(settings);
        QStringList keys;
        for (QLabel *label : panel.findChildren<QLabel *>()) {
            if (!label->buddy())
                continue;
            const QString key = QKeySequence::mnemonic(label->text()).toString();
            QVERIFY2(!key.isEmpty(), qPrintable(label->text()));
            keys << key;
            QVERIFY2(!label->buddy()->accessibleName().isEmpty(), qPrintable(label->text()));
        }
        QCOMPARE(keys.size(), 7); // the link, five parts, the recent sessions
        keys << QKeySequence::mnemonic(panel.joinButton()->text()).toString();
        QCOMPARE(keys.removeDuplicates(), 0);

        // Tab goes down the form, then to Join, then to the recent sessions.
        JoinForm *form = panel.form();
        const QList<QWidget *> order{
            form->linkEdit(),        form->hostEdit(),     form->portSpin(),   form->sessionEdit(),
            form->fingerprintEdit(), form->passcodeEdit(), panel.joinButton(), panel.recentList()};
        for (qsizetype i = 0; i + 1 < order.size(); ++i) {
            QWidget *next = order[i]->nextInFocusChain();
            while (next->focusPolicy() == Qt::NoFocus || next->focusProxy())
                next = next->nextInFocusChain();
            QCOMPARE(next, order[i + 1]);
        }
    }

    void joinOpensAViewerAndRemembersTheSession()
    {
        auto host = startHost();
        AppSettings settings;
        settings.displayName = QStringLiteral("Ana");
        settings.recentSessions = {
            QStringLiteral("baton://older:1627/old?fp=%1").arg(kFingerprint)};
        JoinPanel panel(settings);
        QSignalSpy saved(&panel, &JoinPanel::settingsChanged);
        panel.show();
        QCOMPARE(panel.recentList()->links(), settings.recentSessions);

        const QString link = host->inviteLink().toString();
        panel.form()->linkEdit()->setText(link);
        QVERIFY(panel.joinButton()->isEnabled());
        QTest::mouseClick(panel.joinButton(), Qt::LeftButton);
        QCOMPARE(panel.windows().size(), 1);
        ViewerWindow *window = panel.windows().first();
        QVERIFY(window->isWindow());
        QVERIFY(window->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(joined(window), kTimeoutMs);
        QTRY_COMPARE(saved.count(), 1);
        QCOMPARE(settings.recentSessions.first(), link);
        QCOMPARE(settings.recentSessions.size(), 2);
        QCOMPARE(panel.recentList()->links(), settings.recentSessions);
        QTRY_COMPARE(host->viewerCount(), 1);
        const std::vector<Roster::Participant> people = host->roster().participants();
        QVERIFY(std::any_of(people.begin(), people.end(),
                            [](const Roster::Participant &p) { return p.name == "Ana"; }));

        // The same link again raises the window it already has.
        QCOMPARE(panel.join(host->inviteLink()), window);
        QCOMPARE(panel.windows().size(), 1);
    }

    void recentSessionsJoinOnEnterAndDoubleClick()
    {
        auto host = startHost();
        AppSettings settings;
        settings.recentSessions = {host->inviteLink().toString()};
        JoinPanel panel(settings);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        RecentSessionsList *recent = panel.recentList();
        QCOMPARE(recent->count(), 1);
        QVERIFY(recent->item(0)->text().contains(QStringLiteral("join-test")));
        QVERIFY(!recent->item(0)->toolTip().contains(QStringLiteral("code=")));

        recent->setFocus();
        recent->setCurrentRow(0);
        QTest::keyClick(recent, Qt::Key_Return);
        QTRY_COMPARE(panel.windows().size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(joined(panel.windows().first()), kTimeoutMs);

        // Closed, the window goes and the host sees the viewer leave.
        panel.windows().first()->close();
        QTRY_VERIFY(panel.windows().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(host->viewerCount(), 0, kTimeoutMs);

        const QRect itemRect = recent->visualItemRect(recent->item(0));
        // A double click as a window system delivers it: press, release, double click.
        QTest::mouseClick(recent->viewport(), Qt::LeftButton, {}, itemRect.center());
        QTest::mouseDClick(recent->viewport(), Qt::LeftButton, {}, itemRect.center());
        QTRY_COMPARE(panel.windows().size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(joined(panel.windows().first()), kTimeoutMs);
        QTRY_COMPARE(host->viewerCount(), 1);
    }

    void noRecentSessionsSaysHowToJoin()
    {
        AppSettings settings;
        JoinPanel panel(settings);
        panel.resize(800, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        RecentSessionsList *recent = panel.recentList();
        QCOMPARE(recent->count(), 0);
        QLabel *placeholder = recent->placeholder();
        QVERIFY(placeholder->isVisible());
        QVERIFY(placeholder->text().contains(QStringLiteral("invite link")));
        QVERIFY(!placeholder->accessibleName().isEmpty());
        QCOMPARE(recent->accessibleDescription(), placeholder->text());
        // It lies over the list, inside it.
        QVERIFY(recent->viewport()->rect().contains(placeholder->geometry()));

        // A remembered session takes its place.
        auto host = startHost();
        panel.join(host->inviteLink());
        QTRY_COMPARE_WITH_TIMEOUT(recent->count(), 1, kTimeoutMs);
        QVERIFY(!placeholder->isVisible());
        QVERIFY(recent->accessibleDescription() != placeholder->text());
    }

    void aPasscodeAskedForIsRememberedWithTheLink()
    {
        auto host = startHost("4711");
        AppSettings settings;
        JoinPanel panel(settings);
        InviteLink link = host->inviteLink();
        link.passcode.clear();
        ViewerWindow *window = panel.join(link);
        QVERIFY(window);
        QLineEdit *field = window->banner()->passcodeField();
        QTRY_VERIFY_WITH_TIMEOUT(window->hasEnded() && !field->isHidden(), kTimeoutMs);
        QVERIFY(settings.recentSessions.isEmpty());

        // Joining the same link again raises the window that asks.
        QCOMPARE(panel.join(link), window);
        QTRY_VERIFY_WITH_TIMEOUT(window->hasEnded() && !field->isHidden(), kTimeoutMs);

        QTest::keyClicks(field, QStringLiteral("4711"));
        QTest::keyClick(field, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(joined(window), kTimeoutMs);
        QTRY_COMPARE(settings.recentSessions.size(), 1);
        QCOMPARE(settings.recentSessions.first(), host->inviteLink().toString());
        QCOMPARE(panel.windows().size(), 1);
    }

    void aFailedJoinIsNotRemembered()
    {
        auto host = startHost();
        AppSettings settings;
        JoinPanel panel(settings);
        QSignalSpy saved(&panel, &JoinPanel::settingsChanged);
        InviteLink wrong = host->inviteLink();
        wrong.fingerprint = QByteArray::fromHex(kFingerprint.toLatin1());
        ViewerWindow *window = panel.join(wrong);
        QVERIFY(window);
        QTRY_VERIFY_WITH_TIMEOUT(window->hasEnded(), kTimeoutMs);
        QVERIFY(!window->banner()->isHidden());
        QCOMPARE(window->banner()->kind(), ViewerStatusBanner::Kind::Error);
        QVERIFY(
            window->banner()->text().contains(QStringLiteral("certificate"), Qt::CaseInsensitive));
        QVERIFY(settings.recentSessions.isEmpty());
        QCOMPARE(saved.count(), 0);

        InviteLink noHost = host->inviteLink();
        noHost.host.clear();
        QString error;
        QVERIFY(!panel.join(noHost, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(panel.windows().size(), 1);
    }
};

QTEST_MAIN(TestJoinPanel)
#include "tst_joinpanel.moc"
