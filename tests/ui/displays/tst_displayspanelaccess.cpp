// The Displays panel can be used from the keyboard and with a screen reader: every
// control has an accessible name, and no two mnemonics of the panel collide.

#include "ui/displays/DisplaysPanel.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace baton::ui;

namespace {

// The letter after a single '&' ("&&" is a literal ampersand), or a null QChar.
QChar mnemonicOf(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != u'&')
            continue;
        if (text[i + 1] == u'&') {
            ++i;
            continue;
        }
        return text[i + 1].toLower();
    }
    return {};
}

} // namespace

class TestDisplaysPanelAccess : public QObject {
    Q_OBJECT

private slots:
    void everyControlHasAnAccessibleName()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("baton.ini")), QSettings::IniFormat);
        DisplaysPanel panel(settings);
        QList<QWidget *> controls;
        // The parts Qt builds inside a spin box, combo box or view are named by their owner.
        const auto isPart = [](const QWidget *widget) {
            const QWidget *owner = widget->parentWidget();
            return qobject_cast<const QAbstractSpinBox *>(owner) || qobject_cast<const QComboBox *>(owner) ||
                   qobject_cast<const QAbstractItemView *>(owner);
        };
        for (QWidget *widget : panel.findChildren<QWidget *>())
            if (!isPart(widget) && (qobject_cast<QAbstractButton *>(widget) || qobject_cast<QLineEdit *>(widget) ||
                qobject_cast<QComboBox *>(widget) || qobject_cast<QAbstractSpinBox *>(widget) ||
                qobject_cast<QAbstractItemView *>(widget)))
                controls << widget;
        QVERIFY(controls.size() >= 16);
        for (QWidget *control : std::as_const(controls))
            QVERIFY2(!control->accessibleName().isEmpty(),
                     qPrintable(QStringLiteral("%1 %2").arg(QString::fromLatin1(control->metaObject()->className()),
                                                           control->objectName())));
    }

    void mnemonicsAreUnique()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("baton.ini")), QSettings::IniFormat);
        DisplaysPanel panel(settings);
        QHash<QChar, QString> taken;
        const auto claim = [&taken](const QString &text) {
            const QChar letter = mnemonicOf(text);
            if (letter.isNull())
                return true;
            if (taken.contains(letter)) {
                qWarning() << "mnemonic" << letter << "of" << text << "is also" << taken.value(letter);
                return false;
            }
            taken.insert(letter, text);
            return true;
        };
        for (QAbstractButton *button : panel.findChildren<QAbstractButton *>())
            QVERIFY(claim(button->text()));
        for (QLabel *label : panel.findChildren<QLabel *>())
            if (label->buddy())
                QVERIFY(claim(label->text()));
        QVERIFY(taken.size() >= 18);
    }
};

QTEST_MAIN(TestDisplaysPanelAccess)
#include "tst_displayspanelaccess.moc"
