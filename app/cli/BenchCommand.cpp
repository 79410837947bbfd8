#include "BenchCommand.h"

#include "CliCommands.h"
#include "bench/CodecBench.h"
#include "bench/DiffBench.h"
#include "bench/E2eBench.h"
#include "bench/RdpBench.h"

#include <QTextStream>

#include <array>
#include <functional>

namespace baton::cli {
namespace {

struct Bench {
    const char *name;
    const char *summary;
    std::function<int(const QStringList &)> run;
};

const std::array kBenches = {
    Bench{"diff", "Frame differ kernels against memcmp", runDiffBench},
    Bench{"codec", "Tile, T.128 bitmap and video codecs against zlib, PNG and QOI", runCodecBench},
    Bench{"e2e", "Whole sessions against x11vnc on real workloads", runE2eBench},
    Bench{"rdp", "The RDP gateway's CPU and bytes with xfreerdp clients", runRdpBench},
};

void printUsage(QTextStream &out)
{
    out << "Usage: baton-cli bench KIND [--json] [OPTIONS]\n\nKinds:\n";
    for (const Bench &bench : kBenches)
        out << "  " << QString::fromLatin1(bench.name).leftJustified(8) << bench.summary << '\n';
}

} // namespace

int runBench(const QStringList &args)
{
    if (args.isEmpty() || args.first() == QLatin1String("--help") ||
        args.first() == QLatin1String("-h")) {
        QTextStream out(args.isEmpty() ? stderr : stdout);
        printUsage(out);
        return args.isEmpty() ? kExitUsage : kExitOk;
    }
    for (const Bench &bench : kBenches) {
        if (args.first() == QLatin1String(bench.name))
            return bench.run(args.mid(1));
    }
    QTextStream err(stderr);
    err << "baton-cli bench: unknown benchmark '" << args.first() << "'\n";
    printUsage(err);
    return kExitUsage;
}

} // namespace baton::cli
