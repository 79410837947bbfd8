#include "RdpBench.h"

#include "../CliCommands.h"
#include "E2eHarness.h"
#include "RdpStage.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

namespace baton::cli {
namespace {

// The targets, printed beside the figures they judge.
constexpr double kTargetCpuPercentPerClient = 5;
constexpr double kTargetBytesRatio = 2;

struct RdpOptions {
    bool json = false;
    E2eWorkload workload = E2eWorkload::Scrolling;
    std::vector<int> clients{1, 10};
    double seconds = 20;
    double settleSeconds = 3;
    int runs = 3;
};

const char *rdpUsage()
{
    return "Usage: baton-cli bench rdp [--json] [--workload scrolling|typing]\n"
           "       [--clients N[,N...]] [--seconds S] [--settle-seconds S] [--runs R]\n"
           "The RDP gateway on bench e2e's scrolling (default) or typing xterm with N\n"
           "xfreerdp clients (default 1,10), R runs (default 3) of S seconds (default 20)\n"
           "after S seconds to settle (3).\n";
}

std::optional<RdpOptions> parseRdpOptions(const QStringList &args, QTextStream &err)
{
    RdpOptions options;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args[i];
        if (arg == QLatin1String("--json")) {
            options.json = true;
            continue;
        }
        const QString value = args.value(++i);
        bool ok = i < args.size();
        if (ok && arg == QLatin1String("--workload")) {
            const auto workload = workloadNamed(value);
            ok = workload == E2eWorkload::Scrolling || workload == E2eWorkload::Typing;
            if (ok)
                options.workload = *workload;
        } else if (ok && arg == QLatin1String("--clients")) {
            options.clients.clear();
            for (const QString &part : value.split(QLatin1Char(','))) {
                const int count = part.toInt(&ok);
                ok = ok && count >= 1 && count <= 32; // the gateway's default bound
                if (!ok)
                    break;
                options.clients.push_back(count);
            }
            std::sort(options.clients.begin(), options.clients.end());
        } else if (ok && arg == QLatin1String("--seconds")) {
            options.seconds = value.toDouble(&ok);
            ok = ok && options.seconds > 0 && options.seconds <= 3600;
        } else if (ok && arg == QLatin1String("--settle-seconds")) {
            options.settleSeconds = value.toDouble(&ok);
            ok = ok && options.settleSeconds >= 0 && options.settleSeconds <= 600;
        } else if (ok && arg == QLatin1String("--runs")) {
            options.runs = value.toInt(&ok);
            ok = ok && options.runs >= 1 && options.runs <= 100;
        } else {
            ok = false;
        }
        if (!ok) {
            err << "baton-cli bench rdp: bad option " << arg << " '" << value << "'\n"
                << rdpUsage();
            return std::nullopt;
        }
    }
    return options;
}

// What one run did in its measured seconds.
struct Figures {
    double gatewayCpuS = 0;
    double hostCpuS = 0;
    double bytesPerRdpClient = 0;
    double bytesFromRdpClient = 0;
    double bytesToNative = 0;
    double bytesToGateway = 0;
};

double ratio(double a, double b)
{
    return b > 0 ? a / b : -1;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? -1 : values[values.size() / 2];
}

Figures medianOf(const std::vector<Figures> &runs)
{
    const auto of = [&runs](double Figures::*field) {
        std::vector<double> values;
        for (const Figures &run : runs)
            values.push_back(run.*field);
        return median(values);
    };
    Figures m;
    m.gatewayCpuS = of(&Figures::gatewayCpuS);
    m.hostCpuS = of(&Figures::hostCpuS);
    m.bytesPerRdpClient = of(&Figures::bytesPerRdpClient);
    m.bytesFromRdpClient = of(&Figures::bytesFromRdpClient);
    m.bytesToNative = of(&Figures::bytesToNative);
    m.bytesToGateway = of(&Figures::bytesToGateway);
    return m;
}

// One run: a fresh stage with clients xfreerdp, settled, then measured.
std::optional<Figures> measure(E2eHarness &harness, const QString &hostDisplay,
                               const QString &clientDisplay, int clients, const QString &workDir,
                               const RdpOptions &options, QString *error)
{
    const std::size_t mark = harness.mark();
    std::optional<Figures> figures;
    if (const auto stage = RdpStage::start(harness, hostDisplay, clientDisplay, options.workload,
                                           clients, workDir, error)) {
        E2eHarness::spin(int(options.settleSeconds * 1000));
        const RdpStage::Counters from = stage->counters();
        E2eHarness::spin(int(options.seconds * 1000));
        const RdpStage::Counters to = stage->counters();
        *error = stage->whatEnded();
        if (error->isEmpty()) {
            figures = Figures{to.gatewayCpuS - from.gatewayCpuS,
                              to.hostCpuS - from.hostCpuS,
                              double(to.bytesToRdpClients - from.bytesToRdpClients) / clients,
                              double(to.bytesFromRdpClients - from.bytesFromRdpClients) / clients,
                              double(to.bytesToNative - from.bytesToNative),
                              double(to.bytesToGateway - from.bytesToGateway)};
        }
    }
    harness.stopFrom(mark);
    return figures;
}

QJsonObject lineFor(int clients, const QJsonValue &run, const RdpOptions &options, const Figures &f)
{
    QJsonObject line;
    line[QStringLiteral("bench")] = QStringLiteral("rdp");
    line[QStringLiteral("system")] = QStringLiteral("rdp-gateway");
    line[QStringLiteral("workload")] = QString::fromLatin1(workloadName(options.workload));
    line[QStringLiteral("clients")] = clients;
    line[QStringLiteral("run")] = run;
    line[QStringLiteral("seconds")] = options.seconds;
    line[QStringLiteral("gateway_cpu_s")] = f.gatewayCpuS;
    line[QStringLiteral("gateway_cpu_percent")] = 100 * f.gatewayCpuS / options.seconds;
    line[QStringLiteral("host_cpu_s")] = f.hostCpuS;
    line[QStringLiteral("bytes_s2c_per_rdp_client")] = f.bytesPerRdpClient;
    line[QStringLiteral("bytes_c2s_per_rdp_client")] = f.bytesFromRdpClient;
    line[QStringLiteral("bytes_s2c_native")] = f.bytesToNative;
    line[QStringLiteral("bytes_s2c_gateway")] = f.bytesToGateway;
    line[QStringLiteral("rdp_to_native_bytes")] = ratio(f.bytesPerRdpClient, f.bytesToNative);
    return line;
}

// The targets' line: CPU per additional client from the fewest clients to the most (null
// with one count only), and the RDP client's bytes against the native viewer's at the
// fewest clients, both from the medians.
QJsonObject summaryLine(const RdpOptions &options, const std::map<int, Figures> &medians)
{
    const auto &[fewest, few] = *medians.begin();
    const auto &[most, many] = *medians.rbegin();
    QJsonObject line;
    line[QStringLiteral("bench")] = QStringLiteral("rdp");
    line[QStringLiteral("system")] = QStringLiteral("rdp/native");
    line[QStringLiteral("workload")] = QString::fromLatin1(workloadName(options.workload));
    line[QStringLiteral("clients")] = QStringLiteral("%1-%2").arg(fewest).arg(most);
    line[QStringLiteral("runs")] = options.runs;
    line[QStringLiteral("seconds")] = options.seconds;
    line[QStringLiteral("gateway_cpu_percent_per_additional_client")] = most > fewest
        ? QJsonValue(100 * (many.gatewayCpuS - few.gatewayCpuS) / (most - fewest) / options.seconds)
        : QJsonValue(QJsonValue::Null);
    line[QStringLiteral("target_cpu_percent_per_client")] = kTargetCpuPercentPerClient;
    line[QStringLiteral("rdp_to_native_bytes")] = ratio(few.bytesPerRdpClient, few.bytesToNative);
    line[QStringLiteral("target_bytes_ratio")] = kTargetBytesRatio;
    return line;
}

void print(QTextStream &out, const RdpOptions &options, const QJsonObject &line)
{
    if (options.json) {
        out << QJsonDocument(line).toJson(QJsonDocument::Compact) << '\n';
    } else {
        const QStringList keys = line.keys();
        for (const QString &key : keys) {
            if (key == QLatin1String("bench"))
                continue;
            const QJsonValue value = line.value(key);
            out << key << '='
                << (value.isDouble() ? QString::number(value.toDouble(), 'g', 6)
                                     : value.toVariant().toString())
                << (key == keys.last() ? "\n" : " ");
        }
    }
    out.flush();
}

} // namespace

int runRdpBench(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (args.contains(QLatin1String("--help")) || args.contains(QLatin1String("-h"))) {
        out << rdpUsage();
        return kExitOk;
    }
    const auto options = parseRdpOptions(args, err);
    if (!options)
        return kExitUsage;
    for (const char *program : {"Xvfb", "xterm", "perl", "xdotool", "xfreerdp"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(program)).isEmpty()) {
            err << "baton-cli bench rdp: " << program
                << " is not installed (tools/deps/debian.txt)\n";
            return kExitFailure;
        }
    }
    QTemporaryDir workDir;
    E2eHarness harness;
    QString error;
    const auto hostDisplay = harness.startXvfb(&error);
    const auto clientDisplay = hostDisplay ? harness.startXvfb(&error) : std::nullopt;
    if (!hostDisplay || !clientDisplay || !workDir.isValid()) {
        err << "baton-cli bench rdp: " << (error.isEmpty() ? workDir.errorString() : error) << '\n';
        return kExitFailure;
    }
    std::map<int, std::vector<Figures>> runs;
    for (int run = 0; run < options->runs; ++run) {
        for (int clients : options->clients) {
            const auto figures = measure(harness, *hostDisplay, *clientDisplay, clients,
                                         workDir.path(), *options, &error);
            if (!figures) {
                err << "baton-cli bench rdp: " << clients << " clients: " << error << '\n';
                return kExitFailure;
            }
            runs[clients].push_back(*figures);
            print(out, *options, lineFor(clients, run + 1, *options, *figures));
        }
    }
    std::map<int, Figures> medians;
    for (const auto &[clients, figures] : runs) {
        medians[clients] = medianOf(figures);
        print(out, *options,
              lineFor(clients, QStringLiteral("median"), *options, medians[clients]));
    }
    print(out, *options, summaryLine(*options, medians));
    return kExitOk;
}

} // namespace baton::cli
