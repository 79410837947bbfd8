// Ctrl+Alt+Space in one RDP client's keys: found in every press order with either Ctrl and
// either Alt, its keys never passed on, every other key passed on in order.

#include "core/rdp/FloorChord.h"

#include <QTest>

using baton::KeyInput;
using baton::rdp::FloorChord;

namespace {

// Keys written as NAME+ (press) or NAME- (release): LC/RC left and right Ctrl, LA/RA left
// and right Alt, Space, A, SHIFT; "*" marks where the chord completed.
struct Named {
    const char *name;
    uint16_t scancode;
    bool extended;
};
constexpr Named kKeys[] = {
    {"LC", 0x1D, false},
    {"RC", 0x1D, true},
    {"LA", 0x38, false},
    {"RA", 0x38, true},
    {"SP", 0x39, false},
    {"A", 0x1E, false},
    {"SHIFT", 0x2A, false},
    // Scancode 0x39 with E0 is not Space, nor is 0x1E a modifier with it.
    {"XSP", 0x39, true},
};

KeyInput keyNamed(const QString &token)
{
    const QString name = token.chopped(1);
    for (const Named &key : kKeys)
        if (name == QLatin1String(key.name))
            return {key.scancode, key.extended, token.endsWith(QLatin1Char('+'))};
    qFatal("unknown key %s", qPrintable(token));
    return {};
}

QString nameOf(const KeyInput &key)
{
    for (const Named &named : kKeys)
        if (named.scancode == key.scancode && named.extended == key.extended)
            return QLatin1String(named.name) + QLatin1Char(key.pressed ? '+' : '-');
    return QStringLiteral("?");
}

// Feeds the keys; returns what was passed on, with "*" where the chord completed.
QString run(FloorChord &chord, const QString &keys)
{
    QStringList out;
    for (const QString &token : keys.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const FloorChord::Result result = chord.feed(keyNamed(token));
        if (result.chord)
            out << QStringLiteral("*");
        for (const KeyInput &key : result.keys)
            out << nameOf(key);
    }
    return out.join(QLatin1Char(' '));
}

} // namespace

class TestFloorChord : public QObject {
    Q_OBJECT
private slots:
    void keys_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("ctrl alt space") << "LC+ LA+ SP+ SP- LA- LC-"
                                        << "*";
        QTest::newRow("alt ctrl space") << "LA+ LC+ SP+ SP- LC- LA-"
                                        << "*";
        QTest::newRow("right ctrl, right alt") << "RC+ RA+ SP+ SP- RA- RC-"
                                               << "*";
        QTest::newRow("left ctrl, right alt") << "LC+ RA+ SP+ SP- RA- LC-"
                                              << "*";
        QTest::newRow("right ctrl, left alt") << "LA+ RC+ SP+ SP- RC- LA-"
                                              << "*";
        QTest::newRow("released in another order") << "LC+ LA+ SP+ LC- LA- SP-"
                                                   << "*";
        QTest::newRow("key repeat: one chord") << "LC+ LC+ LA+ LC+ LA+ SP+ SP+ SP+ SP- LA- LC-"
                                               << "*";
        QTest::newRow("space again while held: a second chord") << "LC+ LA+ SP+ SP- SP+ SP- LA- LC-"
                                                                << "* *";
        QTest::newRow("other keys pass") << "A+ A- SHIFT+ A+ A- SHIFT-"
                                         << "A+ A- SHIFT+ A+ A- SHIFT-";
        QTest::newRow("space alone passes") << "SP+ SP-"
                                            << "SP+ SP-";
        QTest::newRow("ctrl space passes") << "LC+ SP+ SP- LC-"
                                           << "LC+ SP+ SP- LC-";
        QTest::newRow("alt space passes") << "RA+ SP+ SP- RA-"
                                          << "RA+ SP+ SP- RA-";
        QTest::newRow("extended 0x39 is no space") << "LC+ LA+ XSP+ XSP- LA- LC-"
                                                   << "LC+ LA+ XSP+ XSP- LA- LC-";
        QTest::newRow("ctrl held back until a key") << "LC+ A+ A- LC-"
                                                    << "LC+ A+ A- LC-";
        QTest::newRow("ctrl repeat after it passed") << "LC+ A+ LC+ A- LC-"
                                                     << "LC+ A+ LC+ A- LC-";
        QTest::newRow("alt tapped alone") << "LA+ LA-"
                                          << "LA+ LA-";
        QTest::newRow("ctrl alt tapped: both, in order") << "LC+ LA+ LA- LC-"
                                                         << "LC+ LA+ LA- LC-";
        QTest::newRow("release of a key pressed before") << "A- LC-"
                                                         << "A- LC-";
        // Ctrl went through with the C; its release must too, or the host holds it.
        QTest::newRow("ctrl passed on keeps its release") << "LC+ A+ A- LA+ SP+ SP- LA- LC-"
                                                          << "LC+ A+ A- * LC-";
        QTest::newRow("keys after a chord pass, its modifiers not")
            << "LC+ LA+ SP+ SP- A+ A- LA- LC-"
            << "* A+ A-";
        QTest::newRow("a fresh ctrl after a chord is held back again")
            << "LC+ LA+ SP+ SP- LA- LC- LC+ A+ A- LC-"
            << "* LC+ A+ A- LC-";
        QTest::newRow("releases of a swallowed chord's space only")
            << "LC+ LA+ SP+ LA- LC- SP- SP+ SP-"
            << "* SP+ SP-";
    }

    void keys()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        FloorChord chord;
        QCOMPARE(run(chord, in), out);
    }

    void flushLetsHeldBackPressesThroughInOrder()
    {
        // A Ctrl+click: the click flushes the held-back Ctrl before it goes.
        FloorChord chord;
        QCOMPARE(run(chord, QStringLiteral("RA+ LC+")), QString());
        const std::vector<KeyInput> flushed = chord.flush();
        QCOMPARE(flushed.size(), std::size_t(2));
        QCOMPARE(nameOf(flushed[0]), QStringLiteral("RA+"));
        QCOMPARE(nameOf(flushed[1]), QStringLiteral("LC+"));
        QVERIFY(chord.flush().empty());
        // Passed on now: their releases pass too, and Space still makes a chord (whose
        // modifiers' releases then pass, as they were pressed at the host).
        QCOMPARE(run(chord, QStringLiteral("SP+ SP- LC- RA-")), QStringLiteral("* LC- RA-"));
    }
};

QTEST_APPLESS_MAIN(TestFloorChord)
#include "tst_floorchord.moc"
