// The settings dialog edits AppSettings, which round-trip through a QSettings file of the
// test's own; bad stored values fall back to the defaults. The display name defaults to
// the account's name, which the empty field shows.

#include "core/net/CertificateStore.h"
#include "tests/core/net/TestCertificateAuthority.h"
#include "ui/settings/AppSettings.h"
#include "ui/settings/SettingsDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using baton::AccountName;
using baton::FloorPolicy;
using baton::UpdateCodec;
using baton::test::TestCertificateAuthority;
using baton::ui::AppSettings;
using baton::ui::InviteForm;
using baton::ui::SettingsDialog;

namespace {

template <typename T> T *field(const SettingsDialog &dialog, const char *name)
{
    auto *widget = dialog.findChild<T *>(QLatin1String(name));
    if (widget && widget->accessibleName().isEmpty())
        qWarning("%s has no accessible name", name);
    return widget && !widget->accessibleName().isEmpty() ? widget : nullptr;
}

} // namespace

class TestSettingsDialog : public QObject {
    Q_OBJECT
private slots:
    void showsTheSettingsItIsGiven()
    {
        AppSettings settings;
        settings.displayName = QStringLiteral("Ana");
        settings.defaultPort = 4000;
        settings.policy = FloorPolicy::Collaborate;
        settings.codec = UpdateCodec::H264;
        settings.maxFramesPerSecond = 15;
        settings.panicShortcut = QKeySequence(QStringLiteral("Ctrl+Alt+P"));
        const QByteArray sha(32, '\xab');
        SettingsDialog dialog(settings, SettingsDialog::fingerprintText(sha));

        QCOMPARE(field<QLineEdit>(dialog, "displayName")->text(), QStringLiteral("Ana"));
        QCOMPARE(field<QSpinBox>(dialog, "defaultPort")->value(), 4000);
        QCOMPARE(field<QComboBox>(dialog, "policy")->currentData().toInt(),
                 int(FloorPolicy::Collaborate));
        QCOMPARE(field<QComboBox>(dialog, "codec")->currentData().toInt(), int(UpdateCodec::H264));
        QCOMPARE(field<QSpinBox>(dialog, "maxFps")->value(), 15);
        QCOMPARE(field<QKeySequenceEdit>(dialog, "panicShortcut")->keySequence(),
                 QKeySequence(QStringLiteral("Ctrl+Alt+P")));
        QCOMPARE(field<QLabel>(dialog, "fingerprint")->text(),
                 QStringLiteral("ABAB ABAB ABAB ABAB ABAB ABAB ABAB ABAB "
                                "ABAB ABAB ABAB ABAB ABAB ABAB ABAB ABAB"));
        QCOMPARE(dialog.settings(), settings);
    }

    void roundTripsThroughQSettings()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("baton.conf"));
        AppSettings before;
        before.rememberSession(QStringLiteral("baton://h:1/s?fp=00"));
        {
            QSettings store(path, QSettings::IniFormat);
            before.save(store);
        }

        QSettings store(path, QSettings::IniFormat);
        SettingsDialog dialog(AppSettings::load(store), QStringLiteral("00"));
        field<QLineEdit>(dialog, "displayName")->setText(QStringLiteral("  Bea  "));
        field<QSpinBox>(dialog, "defaultPort")->setValue(0);
        auto *policy = field<QComboBox>(dialog, "policy");
        policy->setCurrentIndex(policy->findData(int(FloorPolicy::Auto)));
        auto *codec = field<QComboBox>(dialog, "codec");
        codec->setCurrentIndex(codec->findData(int(UpdateCodec::Av1)));
        field<QSpinBox>(dialog, "maxFps")->setValue(500); // clamped by the spin box
        field<QKeySequenceEdit>(dialog, "panicShortcut")
            ->setKeySequence(QKeySequence(QStringLiteral("Ctrl+Shift+F12")));
        TestCertificateAuthority ca(dir.path());
        QVERIFY2(ca.isValid(), qPrintable(ca.error()));
        const auto issued = ca.issue(QStringLiteral("host"), TestCertificateAuthority::KeyType::Ec);
        QVERIFY2(issued, qPrintable(ca.error()));
        field<QLineEdit>(dialog, "tlsCertificate")->setText(issued->chainPath);
        field<QLineEdit>(dialog, "tlsKey")->setText(issued->keyPath);

        AppSettings edited = dialog.settings();
        QCOMPARE(edited.displayName, QStringLiteral("Bea"));
        QCOMPARE(edited.defaultPort, quint16(0));
        QCOMPARE(edited.policy, FloorPolicy::Auto);
        QCOMPARE(edited.codec, UpdateCodec::Av1);
        QCOMPARE(edited.maxFramesPerSecond, AppSettings::kMaxFramesPerSecond);
        QCOMPARE(edited.panicShortcut, QKeySequence(QStringLiteral("Ctrl+Shift+F12")));
        QCOMPARE(edited.recentSessions, before.recentSessions); // not shown, kept
        QCOMPARE(edited.tlsCertificatePath, issued->chainPath);
        QCOMPARE(edited.tlsKeyPath, issued->keyPath);
        edited.qrCodeForm = InviteForm::Web; // the Share panel's choice
        edited.screenCastRestoreToken = QStringLiteral("a4e1c0de-token"); // the portal's

        edited.save(store);
        store.sync();
        QSettings reread(path, QSettings::IniFormat);
        QCOMPARE(AppSettings::load(reread), edited);
    }

    void effectiveDisplayNameFallsBack_data()
    {
        QTest::addColumn<QString>("chosen");
        QTest::addColumn<QString>("fullName");
        QTest::addColumn<QString>("loginName");
        QTest::addColumn<QString>("effective");
        QTest::newRow("chosen") << QStringLiteral("Ana") << QStringLiteral("Ana Lima")
                                << QStringLiteral("ana") << QStringLiteral("Ana");
        QTest::newRow("full name") << QString() << QStringLiteral("Ana Lima")
                                   << QStringLiteral("ana") << QStringLiteral("Ana Lima");
        QTest::newRow("login name")
            << QString() << QString() << QStringLiteral("ana") << QStringLiteral("ana");
        QTest::newRow("nothing known")
            << QString() << QString() << QString() << QStringLiteral("Baton user");
    }

    void effectiveDisplayNameFallsBack()
    {
        QFETCH(QString, chosen);
        QFETCH(QString, fullName);
        QFETCH(QString, loginName);
        QFETCH(QString, effective);
        AppSettings settings;
        settings.displayName = chosen;
        QCOMPARE(settings.effectiveDisplayName(AccountName{fullName, loginName}), effective);
    }

    void emptyDisplayNameShowsTheAccountsName()
    {
        const QString accountName = AccountName::current().preferred();
        QVERIFY(!accountName.isEmpty());
        AppSettings settings;
        QCOMPARE(settings.effectiveDisplayName(), accountName);

        SettingsDialog dialog(settings, QStringLiteral("00"));
        auto *name = field<QLineEdit>(dialog, "displayName");
        QVERIFY(name->text().isEmpty());
        QCOMPARE(name->placeholderText(), accountName);
        QVERIFY(name->isEnabled() && !name->isReadOnly());
        auto *hint = dialog.findChild<QLabel *>(QStringLiteral("displayNameHint"));
        QVERIFY(hint);
        QVERIFY2(hint->text().contains(accountName), qPrintable(hint->text()));
        QCOMPARE(name->accessibleDescription(), hint->text());

        // A name of one's own, and back to the default by emptying the field.
        QTest::keyClicks(name, QStringLiteral("Bea"));
        QCOMPARE(dialog.settings().displayName, QStringLiteral("Bea"));
        QCOMPARE(dialog.settings().effectiveDisplayName(), QStringLiteral("Bea"));
        name->clear();
        QVERIFY(dialog.settings().displayName.isEmpty());
        QCOMPARE(dialog.settings().effectiveDisplayName(), accountName);

        // A chosen name does not hide what the default would be.
        settings.displayName = QStringLiteral("Bea");
        SettingsDialog chosen(settings, QStringLiteral("00"));
        QCOMPARE(field<QLineEdit>(chosen, "displayName")->text(), QStringLiteral("Bea"));
        QCOMPARE(field<QLineEdit>(chosen, "displayName")->placeholderText(), accountName);
    }

    void emptyPanicShortcutDisablesOk()
    {
        SettingsDialog dialog(AppSettings{}, QStringLiteral("00"));
        QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(ok->isEnabled());
        field<QKeySequenceEdit>(dialog, "panicShortcut")->clear();
        QVERIFY(!ok->isEnabled());
        field<QKeySequenceEdit>(dialog, "panicShortcut")
            ->setKeySequence(QKeySequence(QStringLiteral("Ctrl+F9")));
        QVERIFY(ok->isEnabled());
    }

    // The certificate pair is checked as it is chosen, as a share would check it: OK is
    // disabled until both files are there and usable, and the fingerprint shown is the
    // one the links will carry.
    void certificateFromACaIsChecked()
    {
        QTemporaryDir dir;
        TestCertificateAuthority ca(dir.path());
        QVERIFY2(ca.isValid(), qPrintable(ca.error()));
        const auto issued =
            ca.issue(QStringLiteral("host"), TestCertificateAuthority::KeyType::Rsa);
        const auto expired =
            ca.issue(QStringLiteral("expired"), TestCertificateAuthority::KeyType::Ec, -1);
        QVERIFY2(issued && expired, qPrintable(ca.error()));
        const auto loaded =
            baton::net::CertificateStore::loadFromFiles(issued->chainPath, issued->keyPath);
        QVERIFY(loaded);

        const QString own = SettingsDialog::fingerprintText(QByteArray(32, '\x11'));
        SettingsDialog dialog(AppSettings{}, own);
        QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        auto *certificate = field<QLineEdit>(dialog, "tlsCertificate");
        auto *key = field<QLineEdit>(dialog, "tlsKey");
        auto *status = field<QLabel>(dialog, "certificateStatus");
        auto *fingerprint = field<QLabel>(dialog, "fingerprint");
        QVERIFY(certificate && key && status && fingerprint);
        QVERIFY(dialog.findChild<QPushButton *>(QStringLiteral("tlsCertificateBrowse")));
        QVERIFY(dialog.findChild<QPushButton *>(QStringLiteral("tlsKeyBrowse")));
        QVERIFY(ok->isEnabled());
        QVERIFY2(status->text().contains(QStringLiteral("own certificate")),
                 qPrintable(status->text()));

        certificate->setText(issued->chainPath);
        QVERIFY(!ok->isEnabled());
        QVERIFY2(status->text().contains(QStringLiteral("both")), qPrintable(status->text()));
        key->setText(expired->keyPath);
        QVERIFY(!ok->isEnabled());
        QVERIFY2(status->text().startsWith(expired->keyPath), qPrintable(status->text()));
        key->setText(issued->keyPath);
        QVERIFY2(ok->isEnabled(), qPrintable(status->text()));
        QCOMPARE(fingerprint->text(), SettingsDialog::fingerprintText(loaded->fingerprint));

        certificate->setText(expired->chainPath);
        key->setText(expired->keyPath);
        QVERIFY(!ok->isEnabled());
        QVERIFY2(status->text().startsWith(expired->chainPath) &&
                     status->text().contains(QStringLiteral("expired")),
                 qPrintable(status->text()));
        QCOMPARE(fingerprint->text(), own);

        certificate->clear();
        key->clear();
        QVERIFY(ok->isEnabled());
        QCOMPARE(fingerprint->text(), own);
    }

    void cancelKeepsNothing()
    {
        SettingsDialog dialog(AppSettings{}, QStringLiteral("00"));
        field<QLineEdit>(dialog, "displayName")->setText(QStringLiteral("Changed"));
        dialog.reject();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void badStoredValuesFallBackToDefaults()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QSettings store(dir.filePath(QStringLiteral("bad.conf")), QSettings::IniFormat);
        store.setValue(QStringLiteral("share/port"), QStringLiteral("seventy"));
        store.setValue(QStringLiteral("share/policy"), QStringLiteral("anarchy"));
        store.setValue(QStringLiteral("share/codec"), QStringLiteral("mpeg1"));
        store.setValue(QStringLiteral("share/maxFps"), 1000);
        store.setValue(QStringLiteral("control/panicShortcut"), QString());
        QCOMPARE(AppSettings::load(store), AppSettings{});

        store.setValue(QStringLiteral("share/port"), 70000);
        store.setValue(QStringLiteral("share/maxFps"), 0);
        QCOMPARE(AppSettings::load(store), AppSettings{});
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
