// The host's WindowList (docs/protocol.md §12): each shared window at its place on the
// desktop, topmost first, then the ShareArea record; what a 1.1 viewer reads from it; the
// bounds on windows and titles.

#include "core/protocol/PduEncoder.h"
#include "core/protocol/Utf8.h"
#include "core/session/WindowListMessages.h"

#include <QTest>

using namespace baton;
using namespace baton::protocol;

namespace {

// The share's picture: 700×500 at (100, -20) on the desktop (partly above the screen).
WindowInfo share()
{
    WindowInfo info;
    info.id = 0x400001;
    info.title = QStringLiteral("notes.txt — Editor");
    info.geometry = {100, -20, 700, 500};
    info.visible = true;
    return info;
}

// A menu over a dialog over the main window, topmost first.
SharedWindows editorWindows()
{
    SharedWindow menu{0x400030,           0x400001,  SharedWindow::Kind::Popup,
                      {20, 40, 180, 240}, QString(), false};
    SharedWindow dialog{0x400020,
                        0x400001,
                        SharedWindow::Kind::Window,
                        {400, 300, 300, 200},
                        QStringLiteral("Find"),
                        true};
    SharedWindow main{0x400001,
                      0,
                      SharedWindow::Kind::Main,
                      {0, 30, 640, 400},
                      QStringLiteral("notes.txt — Editor"),
                      false};
    return {menu, dialog, main};
}

// What a viewer of protocol 1.1 makes of a list: the title and hidden state of the last
// Shared record (ViewerSession before 1.2).
std::pair<std::string, bool> asViewer11Reads(const WindowListPdu &pdu)
{
    std::pair<std::string, bool> seen;
    for (const WindowRecord &record : pdu.windows) {
        if (!(record.flags & WindowRecord::kShared))
            continue;
        seen = {record.title, (record.flags & WindowRecord::kMinimized) != 0};
    }
    return seen;
}

} // namespace

class TestWindowListMessages : public QObject {
    Q_OBJECT
private slots:
    void everyWindowThenTheShareArea()
    {
        const WindowListPdu pdu = windowListPdu(share(), editorWindows(), false);
        const std::vector<WindowRecord> expected = {
            {0x400030, 0x400001, WindowRecord::kShared | WindowRecord::kPopup, 120, 20, 180, 240,
             ""},
            {0x400020, 0x400001, WindowRecord::kShared | WindowRecord::kFocused, 500, 280, 300, 200,
             "Find"},
            {0x400001, 0, WindowRecord::kShared, 100, 10, 640, 400, "notes.txt — Editor"},
            {0x400001, 0, WindowRecord::kShared | WindowRecord::kShareArea, 100, -20, 700, 500,
             "notes.txt — Editor"},
        };
        QCOMPARE(pdu.windows.size(), expected.size());
        for (size_t i = 0; i < expected.size(); ++i)
            QVERIFY2(pdu.windows[i] == expected[i], qPrintable(QString::number(i)));
        QVERIFY(PduEncoder::encode({{kHostUserId, 0x00010001, StreamId::Medium}, pdu}));
    }

    // A 1.1 viewer reads the main window's title and state from the ShareArea record, as
    // it did from the one record a 1.1 host sent.
    void aViewerOf11ReadsTheMainWindow()
    {
        QCOMPARE(asViewer11Reads(windowListPdu(share(), editorWindows(), false)),
                 std::make_pair(std::string("notes.txt — Editor"), false));
        const WindowListPdu hidden = windowListPdu(share(), editorWindows(), true);
        QCOMPARE(asViewer11Reads(hidden), std::make_pair(std::string("notes.txt — Editor"), true));
        // The main window's own record says it is hidden too; the others do not.
        QVERIFY(hidden.windows[2].flags & WindowRecord::kMinimized);
        QVERIFY(!(hidden.windows[0].flags & WindowRecord::kMinimized));
    }

    // A WindowSource's default: the one window filling the picture, as 1.1 described it.
    void oneWindowFillingThePicture()
    {
        const WindowInfo info = share();
        const SharedWindows only = {
            {info.id, 0, SharedWindow::Kind::Main, {0, 0, 700, 500}, info.title, false}};
        const WindowListPdu pdu = windowListPdu(info, only, false);
        QCOMPARE(pdu.windows.size(), size_t(2));
        QCOMPARE(pdu.windows[0].x, pdu.windows[1].x);
        QCOMPARE(pdu.windows[0].y, pdu.windows[1].y);
        QCOMPARE(pdu.windows[0].width, pdu.windows[1].width);
        QCOMPARE(pdu.windows[0].height, pdu.windows[1].height);
    }

    // More windows than a list holds: the topmost 255 and the ShareArea; geometry beyond
    // the fields' ranges is clamped, a long title cut on a character boundary.
    void boundedWindowsGeometryAndTitles()
    {
        SharedWindows many;
        for (uint64_t i = 0; i < 300; ++i)
            many.push_back({0x500000 + i,
                            0x400001,
                            SharedWindow::Kind::Popup,
                            {int32_t(i), 0, 10, 10},
                            QString(),
                            false});
        many[0].rect = {INT32_MAX - 5, INT32_MIN + 5, 100000, -3};
        many[0].title = QString(700, QChar(0x00E9)); // 1,400 bytes of é
        many[1].title = QString::fromUtf8("a\0b", 3);
        WindowInfo info = share();
        info.geometry = {1000, -1000, 70000, 500};
        const WindowListPdu pdu = windowListPdu(info, many, false);
        QCOMPARE(pdu.windows.size(), WindowListPdu::kMaxWindows);
        QCOMPARE(pdu.windows[254].windowId, uint32_t(0x500000 + 254));
        QVERIFY(pdu.windows.back().flags & WindowRecord::kShareArea);
        QCOMPARE(pdu.windows.back().width, uint16_t(0xFFFF));

        const WindowRecord &first = pdu.windows.front();
        QCOMPARE(first.x, INT32_MAX);
        QCOMPARE(first.y, INT32_MIN);
        QCOMPARE(first.width, uint16_t(0xFFFF));
        QCOMPARE(first.height, uint16_t(0));
        QCOMPARE(first.title.size(), size_t(1024));
        QVERIFY(isValidUtf8(first.title));
        QCOMPARE(pdu.windows[1].title, std::string("ab"));
        QVERIFY(PduEncoder().encodeFrames(SendDataKind::Indication, kBroadcastChannelId,
                                          {{kHostUserId, 0x00010001, StreamId::Medium}, pdu}));
    }
};

QTEST_APPLESS_MAIN(TestWindowListMessages)
#include "tst_windowlistmessages.moc"
