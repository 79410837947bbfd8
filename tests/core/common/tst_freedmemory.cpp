// Freed memory goes back to the system (the host's RSS after a burst of connections), and
// the returner waits for a burst to end, or for its deadline while one goes on.

#include "core/common/FreedMemory.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <cstdlib>
#include <memory>
#include <vector>

using namespace baton;

namespace {

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BATON_UNDER_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define BATON_UNDER_ASAN 1
#endif

// Resident set size in KiB, from /proc (Linux); -1 elsewhere.
long residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    return -1;
}

} // namespace

class TestFreedMemory : public QObject {
    Q_OBJECT
private slots:
    // What a burst leaves: many small blocks freed between a few that stay, so the heap's
    // top cannot shrink and only a walk of the heap gives the pages back.
    void aFragmentedHeapGoesBack()
    {
#ifdef BATON_UNDER_ASAN
        QSKIP("ASan replaces the C library's allocator (the sanitizer lane)");
#endif
        constexpr size_t kBlocks = 16'384;
        constexpr size_t kBlockBytes = 4'000; // below glibc's mmap threshold: on the heap
        std::vector<char *> blocks(kBlocks);
        for (char *&block : blocks) {
            block = static_cast<char *>(std::malloc(kBlockBytes));
            QVERIFY(block);
            std::fill_n(block, kBlockBytes, char(1)); // resident
        }
        for (size_t i = 0; i < kBlocks; ++i)
            if (i % 64 != 63) {
                std::free(blocks[i]);
                blocks[i] = nullptr;
            }
        const long before = residentKiB();
        if (before < 0)
            QSKIP("no /proc/self/status on this system");
        const bool returned = returnFreedMemory();
        const long after = residentKiB();
        for (char *block : blocks)
            std::free(block);
        if (!returned)
            QSKIP("this C library cannot give freed memory back");
        // About 63 MB were freed; most of it must leave the resident set.
        QVERIFY2(before - after > 32 * 1024,
                 qPrintable(QStringLiteral("RSS %1 -> %2 KiB").arg(before).arg(after)));
    }

    void aBurstIsReturnedOnceItIsOver()
    {
        FreedMemoryReturner returner(100, 5'000);
        for (int i = 0; i < 20; ++i)
            returner.noteReleased();
        QCOMPARE(returner.returns(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(returner.returns(), 1, 5'000);
        // Nothing more without a new release.
        QTest::qWait(300);
        QCOMPARE(returner.returns(), 1);
    }

    void aLongBurstIsReturnedAtItsDeadline()
    {
        FreedMemoryReturner returner(200, 400);
        QElapsedTimer clock;
        clock.start();
        // Releases every 20 ms never leave 200 ms of quiet; the deadline returns anyway.
        while (returner.returns() == 0 && clock.elapsed() < 10'000) {
            returner.noteReleased();
            QTest::qWait(20);
        }
        QCOMPARE(returner.returns(), 1);
        // The deadline is a coarse timer, which Qt may fire up to 5 % early (380 ms here);
        // the quiet timer alone would never have fired.
        QVERIFY2(clock.elapsed() >= 380, qPrintable(QString::number(clock.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestFreedMemory)
#include "tst_freedmemory.moc"
