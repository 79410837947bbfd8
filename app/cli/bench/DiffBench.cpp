#include "DiffBench.h"

#include "../CliCommands.h"
#include "codecs/diff/FrameDiffer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <numeric>
#include <random>
#include <vector>

namespace baton::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct BenchOptions {
    bool json = false;
    int runs = 31;
    std::optional<SimdLevel> kernel;
};

struct Case {
    int32_t width;
    int32_t height;
    int changedPct;
};

// Text-like content: mostly a light background with darker runs, so the frames compress
// and compare like a real window, not like noise.
Frame makeContent(int32_t width, int32_t height)
{
    Frame frame(width, height);
    std::mt19937 random(1);
    for (int32_t y = 0; y < height; ++y) {
        auto row = frame.mutableView().row(y);
        for (int32_t x = 0; x < width; ++x)
            row[static_cast<std::size_t>(x)] = (random() % 7 == 0) ? 0xff202020u : 0xfffafafau;
    }
    return frame;
}

// A copy of base where changedPct % of the tiles (chosen by a fixed shuffle) differ in
// every pixel, so a changed tile costs a full compare-and-copy.
Frame withChangedTiles(const Frame &base, int changedPct, int32_t tileSizePx)
{
    Frame frame = base;
    const TileGrid grid = TileGrid::of(base.width(), base.height(), tileSizePx);
    std::vector<int32_t> order(static_cast<std::size_t>(grid.count()));
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), std::mt19937(2));
    const auto changed = static_cast<std::size_t>(int64_t{grid.count()} * changedPct / 100);
    for (std::size_t i = 0; i < changed; ++i) {
        const Rect tile = grid.tileRect(order[i] % grid.columns(), order[i] / grid.columns());
        for (int32_t y = tile.y; y < tile.bottom(); ++y)
            for (int32_t x = tile.x; x < tile.right(); ++x)
                frame.setPixel(x, y, frame.pixel(x, y) ^ 0x00ffffffu);
    }
    return frame;
}

// The reference: memcmp over every row of both frames. memcmp stops at the first
// difference, so a row that differs is compared again tile by tile, to read the same
// bytes the differ reads rather than flatter memcmp when tiles change.
int memcmpFrames(const Frame &a, const Frame &b, int32_t tileSizePx)
{
    int sum = 0;
    const auto rowBytes = static_cast<std::size_t>(a.width()) * kBytesPerPixel;
    const auto tileBytes = static_cast<std::size_t>(tileSizePx) * kBytesPerPixel;
    for (int32_t y = 0; y < a.height(); ++y) {
        const uint8_t *rowA = a.view().rowBytes(y).data();
        const uint8_t *rowB = b.view().rowBytes(y).data();
        if (std::memcmp(rowA, rowB, rowBytes) == 0)
            continue;
        for (std::size_t x = 0; x < rowBytes; x += tileBytes)
            sum += std::memcmp(rowA + x, rowB + x, std::min(tileBytes, rowBytes - x)) != 0;
    }
    return sum;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

QJsonObject runCase(const Case &c, SimdLevel level, int runs)
{
    constexpr int32_t kTileSizePx = 64;
    const Frame a = makeContent(c.width, c.height);
    const Frame b = withChangedTiles(a, c.changedPct, kTileSizePx);
    FrameDiffer differ({kTileSizePx, level, false});
    differ.diff(a);

    // Runs alternate b, a, b, … so every timed diff sees the same changed tiles, and
    // interleave with memcmp so both see the same machine state.
    std::vector<double> differSeconds;
    std::vector<double> memcmpSeconds;
    int dirtyTiles = 0;
    volatile int sink = 0;
    for (int run = 0; run < runs; ++run) {
        const Frame &next = run % 2 == 0 ? b : a;
        Clock::time_point start = Clock::now();
        dirtyTiles = differ.diff(next).dirtyTileCount();
        differSeconds.push_back(secondsSince(start));
        start = Clock::now();
        sink = sink + memcmpFrames(a, b, kTileSizePx);
        memcmpSeconds.push_back(secondsSince(start));
    }
    const double bytes = 2.0 * c.width * c.height * kBytesPerPixel;
    const double differMedian = median(differSeconds);
    const double memcmpMedian = median(memcmpSeconds);
    QJsonObject line;
    line[QStringLiteral("bench")] = QStringLiteral("diff");
    line[QStringLiteral("size")] = QStringLiteral("%1x%2").arg(c.width).arg(c.height);
    line[QStringLiteral("kernel")] = QString::fromLatin1(simdLevelName(differ.simdLevel()).data());
    line[QStringLiteral("changed_pct")] = c.changedPct;
    line[QStringLiteral("tile_px")] = kTileSizePx;
    line[QStringLiteral("runs")] = runs;
    line[QStringLiteral("dirty_tiles")] = dirtyTiles;
    line[QStringLiteral("median_ms")] = differMedian * 1e3;
    line[QStringLiteral("memcmp_median_ms")] = memcmpMedian * 1e3;
    line[QStringLiteral("gbps")] = bytes / differMedian / 1e9;
    line[QStringLiteral("memcmp_gbps")] = bytes / memcmpMedian / 1e9;
    line[QStringLiteral("ratio_vs_memcmp")] = memcmpMedian / differMedian;
    return line;
}

bool parseOptions(const QStringList &args, BenchOptions &options, QTextStream &err)
{
    for (int i = 0; i < args.size(); ++i) {
        const QString &arg = args[i];
        if (arg == QLatin1String("--json")) {
            options.json = true;
        } else if (arg == QLatin1String("--runs") && i + 1 < args.size()) {
            bool ok = false;
            options.runs = args[++i].toInt(&ok);
            if (!ok || options.runs < 1 || options.runs > 10000) {
                err << "baton-cli bench diff: --runs needs a number from 1 to 10000\n";
                return false;
            }
        } else if (arg == QLatin1String("--kernel") && i + 1 < args.size()) {
            options.kernel = simdLevelFromName(args[++i].toStdString());
            if (!options.kernel || !isSimdLevelAvailable(*options.kernel)) {
                err << "baton-cli bench diff: kernel '" << args[i] << "' is not available here\n";
                return false;
            }
        } else {
            err << "Usage: baton-cli bench diff [--json] [--runs N] [--kernel NAME]\n";
            return false;
        }
    }
    return true;
}

} // namespace

int runDiffBench(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (args.contains(QLatin1String("--help")) || args.contains(QLatin1String("-h"))) {
        out << "Usage: baton-cli bench diff [--json] [--runs N] [--kernel NAME]\n"
            << "Kernels here:";
        for (const DiffKernel &kernel : availableDiffKernels())
            out << ' ' << simdLevelName(kernel.level).data();
        out << "\nSessions use: " << simdLevelName(defaultDiffKernel().level).data()
            << " (the fastest, or the one BATON_SIMD names; while BATON_SIMD is set, only"
               " that kernel is measured)\n";
        return kExitOk;
    }
    BenchOptions options;
    if (!parseOptions(args, options, err))
        return kExitUsage;
    // BATON_SIMD narrows the run to the kernel sessions use under it, fallback included,
    // so the bench measures what the override really gives; --kernel still wins.
    if (!options.kernel && !qEnvironmentVariableIsEmpty("BATON_SIMD"))
        options.kernel = defaultDiffKernel().level;

    const Case cases[] = {{1920, 1080, 0}, {1920, 1080, 1}, {1920, 1080, 25},
                          {3840, 2160, 0}, {3840, 2160, 1}, {3840, 2160, 25}};
    if (!options.json)
        out << "size       kernel  changed  GB/s   memcmp GB/s  ratio  (median of " << options.runs
            << " runs)\n";
    for (const Case &c : cases) {
        for (const DiffKernel &kernel : availableDiffKernels()) {
            if (options.kernel && kernel.level != *options.kernel)
                continue;
            const QJsonObject line = runCase(c, kernel.level, options.runs);
            if (options.json) {
                out << QJsonDocument(line).toJson(QJsonDocument::Compact) << '\n';
            } else {
                out << line[QStringLiteral("size")].toString().leftJustified(11)
                    << line[QStringLiteral("kernel")].toString().leftJustified(8)
                    << QString::number(c.changedPct).rightJustified(6) << " %  "
                    << QString::number(line[QStringLiteral("gbps")].toDouble(), 'f', 2)
                           .rightJustified(6)
                    << QString::number(line[QStringLiteral("memcmp_gbps")].toDouble(), 'f', 2)
                           .rightJustified(13)
                    << QString::number(line[QStringLiteral("ratio_vs_memcmp")].toDouble(), 'f', 2)
                           .rightJustified(7)
                    << '\n';
            }
            out.flush();
        }
    }
    return kExitOk;
}

} // namespace baton::cli
