// A viewer's shared windows from the host's WindowList (docs/protocol.md §12): a 1.2
// host's list through the wire comes back as the host's windows; a 1.1 host's one window
// fills the picture and follows its size; hostile records are clipped, dropped and
// bounded; baton-cli's line.

#include "core/protocol/PduDecoder.h"
#include "core/protocol/PduEncoder.h"
#include "core/session/WindowListMessages.h"
#include "core/viewer/SharedWindowList.h"

#include <QTest>

using namespace baton;
using namespace baton::protocol;

namespace {

WindowInfo share()
{
    WindowInfo info;
    info.id = 0x400001;
    info.title = QStringLiteral("notes.txt — Editor");
    info.geometry = {-50, 200, 700, 500};
    return info;
}

SharedWindows editorWindows()
{
    return {
        {0x400030, 0x400001, SharedWindow::Kind::Popup, {20, 40, 180, 240}, QString(), false},
        {0x400020,
         0x400001,
         SharedWindow::Kind::Window,
         {400, 300, 300, 200},
         QStringLiteral("Find"),
         true},
        {0x400001,
         0,
         SharedWindow::Kind::Main,
         {0, 30, 640, 400},
         QStringLiteral("notes.txt — Editor"),
         false},
    };
}

// The list as the viewer receives it: encoded and decoded.
WindowListPdu throughTheWire(const WindowListPdu &pdu)
{
    const auto bytes = PduEncoder::encode({{kHostUserId, 0x00010001, StreamId::Medium}, pdu});
    if (!bytes)
        qFatal("the list does not encode");
    const auto decoded = PduDecoder::decode(*bytes);
    if (!decoded)
        qFatal("the list does not decode");
    return std::get<WindowListPdu>(decoded->body);
}

WindowRecord shareArea(int32_t x, int32_t y, uint16_t width, uint16_t height)
{
    return {0x400001, 0,       WindowRecord::kShared | WindowRecord::kShareArea, x, y, width,
            height,   "Editor"};
}

} // namespace

class TestSharedWindowList : public QObject {
    Q_OBJECT
private slots:
    void theHostsWindowsComeBack()
    {
        SharedWindowList list;
        QVERIFY(list.windows().empty()); // nothing known before the first list
        QVERIFY(!list.setPictureSize(700, 500));
        QVERIFY(list.windows().empty());
        QVERIFY(list.apply(throughTheWire(windowListPdu(share(), editorWindows(), false))));
        QCOMPARE(list.windows(), editorWindows());
        QCOMPARE(list.title(), QStringLiteral("notes.txt — Editor"));
        QVERIFY(!list.hidden());
        // The same list again changes nothing; a picture of another size neither (1.2 says
        // where each window is).
        QVERIFY(!list.apply(throughTheWire(windowListPdu(share(), editorWindows(), false))));
        QVERIFY(!list.setPictureSize(800, 600));
        QCOMPARE(list.windows(), editorWindows());

        // The menu closes and the main window is hidden: the hidden window leaves the list.
        SharedWindows closed = editorWindows();
        closed.erase(closed.begin());
        QVERIFY(list.apply(throughTheWire(windowListPdu(share(), closed, true))));
        QVERIFY(list.hidden());
        QCOMPARE(list.windows(), SharedWindows(closed.begin(), closed.begin() + 1));
    }

    // A 1.1 host sends one record, no ShareArea: its window is the whole picture.
    void aHostOf11FillsThePicture()
    {
        SharedWindowList list;
        QVERIFY(!list.setPictureSize(640, 400));
        WindowListPdu old;
        old.windows = {{0x400001, 0, WindowRecord::kShared | WindowRecord::kFocused, 300, 100, 640,
                        400, "xterm"}};
        QVERIFY(list.apply(old));
        const SharedWindows filling = {{0x400001,
                                        0,
                                        SharedWindow::Kind::Main,
                                        {0, 0, 640, 400},
                                        QStringLiteral("xterm"),
                                        true}};
        QCOMPARE(list.windows(), filling);
        QCOMPARE(list.title(), QStringLiteral("xterm"));
        // A resize re-activates the share: the one window follows the picture.
        QVERIFY(list.setPictureSize(800, 600));
        QCOMPARE(list.windows().front().rect, (Rect{0, 0, 800, 600}));
        old.windows.front().flags |= WindowRecord::kMinimized;
        QVERIFY(!list.apply(old));
        QVERIFY(list.hidden());
    }

    // Nothing in a record is trusted: windows are clipped to the share area (in 64 bits:
    // no overflow at the fields' extremes), windows outside it and records that are not
    // shared windows are dropped, only the first ShareArea counts, and a list of 256
    // records gives at most 255 windows.
    void hostileRecordsAreClippedAndBounded()
    {
        WindowListPdu pdu;
        pdu.windows = {
            {1, 0, WindowRecord::kShared, INT32_MIN, INT32_MIN, 0xFFFF, 0xFFFF, ""},
            {2, 0, WindowRecord::kShared, INT32_MAX, INT32_MAX, 0xFFFF, 0xFFFF, ""},
            {3, 0, WindowRecord::kShared | WindowRecord::kPopup, INT32_MAX - 10, INT32_MAX - 10,
             0xFFFF, 0xFFFF, ""},
            {4, 0, 0, INT32_MAX - 10, INT32_MAX - 10, 5, 5, "not shared"},
            {5, 0, WindowRecord::kShared | WindowRecord::kMinimized, INT32_MAX - 10, INT32_MAX - 10,
             5, 5, "hidden"},
            {6, 0, WindowRecord::kShared, INT32_MAX - 20, INT32_MAX - 20, 0, 7, "empty"},
            shareArea(INT32_MAX - 20, INT32_MAX - 20, 0xFFFF, 0xFFFF),
            shareArea(0, 0, 10, 10),
        };
        SharedWindowList list;
        QVERIFY(list.apply(pdu));
        QCOMPARE(list.windows().size(), size_t(2));
        QCOMPARE(list.windows()[0].id, uint64_t(2));
        QCOMPARE(list.windows()[0].rect, (Rect{20, 20, 0xFFFF - 20, 0xFFFF - 20}));
        QCOMPARE(list.windows()[1].id, uint64_t(3));
        QCOMPARE(list.windows()[1].kind, SharedWindow::Kind::Popup);
        QCOMPARE(list.windows()[1].rect, (Rect{10, 10, 0xFFFF - 10, 0xFFFF - 10}));

        WindowListPdu full;
        for (uint32_t i = 0; i < WindowListPdu::kMaxWindows; ++i)
            full.windows.push_back({100 + i, 0, WindowRecord::kShared, int32_t(i), 0, 1, 1, ""});
        full.windows.push_back(shareArea(0, 0, 1000, 10));
        QVERIFY(list.apply(full));
        QCOMPARE(list.windows().size(), WindowListPdu::kMaxWindows - 1);
    }

    void describe()
    {
        QCOMPARE(SharedWindowList::describe({}), QStringLiteral("0"));
        QCOMPARE(SharedWindowList::describe(editorWindows()),
                 QStringLiteral("3: 0x400030 popup 20,40 180x240; 0x400020 window 400,300 "
                                "300x200; 0x400001 main 0,30 640x400"));
    }
};

QTEST_APPLESS_MAIN(TestSharedWindowList)
#include "tst_sharedwindowlist.moc"
