// RdpClientQueue: what the server hands one client's thread, bounded, with the WinPR events
// that thread waits on.

#include "core/rdp/RdpClientQueue.h"

#include <QTest>

#include <winpr/synch.h>

using namespace baton;
using namespace baton::rdp;

namespace {

RdpPictureUpdatePtr update(qsizetype bytes, int width = 640)
{
    auto update = std::make_shared<RdpPictureUpdate>();
    update->desktopWidth = width;
    update->desktopHeight = 480;
    update->bytes = bytes;
    return update;
}

bool isSet(void *event)
{
    return WaitForSingleObject(event, 0) == WAIT_OBJECT_0;
}

} // namespace

class TestRdpClientQueue : public QObject {
    Q_OBJECT

private slots:
    void picturesComeInOrderAndWake();
    void pastItsBytesTheQueueIsDropped();
    void pastItsCountTheQueueIsDropped();
    void replaceLeavesOnlyTheWholePicture();
    void thePointerKeepsOnlyItsLatest();
    void theFirstEndWins();
};

void TestRdpClientQueue::picturesComeInOrderAndWake()
{
    RdpClientQueue queue;
    QVERIFY(!isSet(queue.wakeEvent()));
    const RdpPictureUpdatePtr first = update(10);
    const RdpPictureUpdatePtr second = update(20);
    QVERIFY(queue.pushPicture(first));
    QVERIFY(queue.pushPicture(second));
    QVERIFY(isSet(queue.wakeEvent()));
    QCOMPARE(queue.takePicture(), first);
    // Something still waits: the event stays set.
    queue.rearm();
    QVERIFY(isSet(queue.wakeEvent()));
    QCOMPARE(queue.takePicture(), second);
    QCOMPARE(queue.takePicture(), nullptr);
    queue.rearm();
    QVERIFY(!isSet(queue.wakeEvent()));
    QVERIFY(!isSet(queue.endEvent()));
}

void TestRdpClientQueue::pastItsBytesTheQueueIsDropped()
{
    RdpClientQueue queue;
    QVERIFY(queue.pushPicture(update(RdpClientQueue::kMaxBytes - 100)));
    QVERIFY(queue.pushPicture(update(100)));
    QVERIFY(!queue.pushPicture(update(1)));
    // Nothing is left: the server sends the whole picture instead; nothing is queued before
    // it, not even what fits (it would follow a gap).
    QCOMPARE(queue.takePicture(), nullptr);
    QVERIFY(!queue.pushPicture(update(1)));
    const RdpPictureUpdatePtr whole = update(1000, 800);
    queue.replacePictures(whole);
    QVERIFY(queue.pushPicture(update(1)));
    QCOMPARE(queue.takePicture(), whole);
    QVERIFY(queue.takePicture());
    // Taking frees its bytes.
    QVERIFY(queue.pushPicture(update(RdpClientQueue::kMaxBytes - 1000)));
    QVERIFY(queue.takePicture());
    QVERIFY(queue.pushPicture(update(RdpClientQueue::kMaxBytes)));
}

void TestRdpClientQueue::pastItsCountTheQueueIsDropped()
{
    RdpClientQueue queue;
    for (int i = 0; i < RdpClientQueue::kMaxUpdates; ++i)
        QVERIFY(queue.pushPicture(update(0)));
    QVERIFY(!queue.pushPicture(update(0)));
    QCOMPARE(queue.takePicture(), nullptr);
}

void TestRdpClientQueue::replaceLeavesOnlyTheWholePicture()
{
    RdpClientQueue queue;
    QVERIFY(queue.pushPicture(update(RdpClientQueue::kMaxBytes / 2)));
    QVERIFY(queue.pushPicture(update(RdpClientQueue::kMaxBytes / 2)));
    const RdpPictureUpdatePtr whole = update(1000, 800);
    queue.replacePictures(whole);
    QCOMPARE(queue.takePicture(), whole);
    QCOMPARE(queue.takePicture(), nullptr);
    // The dropped updates' bytes no longer count.
    QVERIFY(queue.pushPicture(update(RdpClientQueue::kMaxBytes)));
}

void TestRdpClientQueue::thePointerKeepsOnlyItsLatest()
{
    RdpClientQueue queue;
    auto hidden = std::make_shared<RdpPointerLook>();
    hidden->visible = false;
    const RdpPointerLookPtr arrow = std::make_shared<RdpPointerLook>();
    queue.setPointerLook(hidden);
    queue.setPointerLook(arrow);
    queue.setPointerPosition({1, 2});
    queue.setPointerPosition({3, 4});
    QVERIFY(isSet(queue.wakeEvent()));
    QCOMPARE(queue.takePointerLook(), arrow);
    QCOMPARE(queue.takePointerLook(), nullptr);
    QCOMPARE(queue.takePointerPosition(), std::optional<QPoint>(QPoint(3, 4)));
    QCOMPARE(queue.takePointerPosition(), std::nullopt);
    queue.rearm();
    QVERIFY(!isSet(queue.wakeEvent()));
}

void TestRdpClientQueue::theFirstEndWins()
{
    RdpClientQueue queue;
    queue.end(QStringLiteral("first"), 1);
    queue.end(QStringLiteral("second"), 2);
    QVERIFY(isSet(queue.endEvent()));
    const std::optional<RdpClientQueue::End> end = queue.takeEnd();
    QVERIFY(end);
    QCOMPARE(end->reason, QStringLiteral("first"));
    QCOMPARE(end->errorInfo, 1u);
    // Once taken, no other end is asked for.
    queue.end(QStringLiteral("third"), 3);
    QVERIFY(!queue.takeEnd());
}

QTEST_GUILESS_MAIN(TestRdpClientQueue)
#include "tst_rdpclientqueue.moc"
