// BATON_SIMD, the user's override of the diff kernel: how a value resolves, and that a
// FrameDiffer with default options (a session's) really uses it, in a child process
// started with the variable set.

#include "codecs/diff/DiffKernel.h"

#include <QProcess>
#include <QTest>

using namespace baton;

namespace {

struct ProbeResult {
    int exitCode = -1;
    QString out;
    QStringList errLines;
};

// Runs simd_probe with BATON_SIMD set to value (unset when value is null).
ProbeResult runProbe(const char *value)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("BATON_SIMD"));
    if (value != nullptr)
        env.insert(QStringLiteral("BATON_SIMD"), QString::fromLatin1(value));
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(BATON_SIMD_PROBE), {});
    if (!process.waitForFinished(60000)) {
        process.kill();
        return {};
    }
    ProbeResult result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromLatin1(process.readAllStandardOutput()).trimmed();
    result.errLines = QString::fromLatin1(process.readAllStandardError())
                          .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return result;
}

QString fastestName()
{
    return QString::fromLatin1(simdLevelName(availableDiffKernels().back().level).data());
}

// A level this machine has no kernel for, so that a request for it must fall back.
const char *unavailableLevelName()
{
    for (SimdLevel level : {SimdLevel::Neon, SimdLevel::Avx512, SimdLevel::Avx2}) {
        if (!isSimdLevelAvailable(level))
            return simdLevelName(level).data();
    }
    return nullptr;
}

} // namespace

class TestSimdOverride : public QObject {
    Q_OBJECT

private slots:
    void unsetOrEmptyGivesTheFastest()
    {
        for (const char *value : {static_cast<const char *>(nullptr), ""}) {
            const DiffKernelChoice choice = chooseDiffKernel(value);
            QCOMPARE(choice.kernel.level, availableDiffKernels().back().level);
            QVERIFY(choice.warning.empty());
        }
    }

    void everyAvailableLevelCanBeChosen()
    {
        for (const DiffKernel &kernel : availableDiffKernels()) {
            const DiffKernelChoice choice =
                chooseDiffKernel(std::string(simdLevelName(kernel.level)).c_str());
            QCOMPARE(choice.kernel.level, kernel.level);
            QVERIFY(&choice.kernel == &kernel); // the table's entry, not a copy
            QVERIFY(choice.warning.empty());
        }
    }

    void unknownNameFallsBackWithAWarning()
    {
        const DiffKernelChoice choice = chooseDiffKernel("avx3");
        QCOMPARE(choice.kernel.level, availableDiffKernels().back().level);
        QCOMPARE(QString::fromStdString(choice.warning),
                 QStringLiteral("BATON_SIMD=avx3 is not one of scalar, sse2, avx2, avx512, neon; "
                                "using %1")
                     .arg(fastestName()));
    }

    void unavailableLevelFallsBackWithAWarning()
    {
        const char *name = unavailableLevelName();
        if (name == nullptr)
            QSKIP("this machine runs every level Baton has kernels for");
        const DiffKernelChoice choice = chooseDiffKernel(name);
        QCOMPARE(choice.kernel.level, availableDiffKernels().back().level);
        QCOMPARE(QString::fromStdString(choice.warning),
                 QStringLiteral("BATON_SIMD=%1: this CPU or build has no such kernel; using %2")
                     .arg(QLatin1String(name), fastestName()));
    }

    void processWithoutOverrideUsesTheFastest()
    {
        const ProbeResult r = runProbe(nullptr);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, fastestName() + QLatin1Char(' ') + fastestName());
        QCOMPARE(r.errLines, QStringList());
    }

    void processHonoursScalar()
    {
        const ProbeResult r = runProbe("scalar");
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("scalar scalar"));
        QCOMPARE(r.errLines, QStringList());
    }

    void processWithBogusValueWarnsOnceAndUsesTheFastest()
    {
        const ProbeResult r = runProbe("bogus");
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, fastestName() + QLatin1Char(' ') + fastestName());
        QCOMPARE(r.errLines.size(), 1);
        QVERIFY2(r.errLines.first().startsWith(QLatin1String("BATON_SIMD=bogus ")),
                 qPrintable(r.errLines.first()));
    }
};

QTEST_APPLESS_MAIN(TestSimdOverride)
#include "tst_simdoverride.moc"
