#include "E2eOptions.h"

#include <algorithm>

namespace baton::cli {

const char *e2eUsage()
{
    return "Usage: baton-cli bench e2e [--json] [--viewer native|browser]\n"
           "       [--workload typing|scrolling|video|idle|menus|all] [--viewers N[,N...]]\n"
           "       [--tile-viewers N] [--host x11|wayland]\n"
           "       [--seconds S] [--settle-seconds S] [--menu-openings N] [--peer none|x11vnc]\n"
           "The menus workload measures while it opens the menu (--menu-openings times),\n"
           "not for --seconds. --tile-viewers adds N Baton viewers that announce no video\n"
           "codec (join --no-video) to each run. --host wayland measures Baton's host\n"
           "on X11 and on a private headless GNOME (Wayland), both sharing lxterminal,\n"
           "for the typing and scrolling workloads (no x11vnc, no browser viewers).\n";
}

std::optional<E2eOptions> parseE2eOptions(const QStringList &args, QTextStream &err)
{
    E2eOptions options;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args[i];
        const QString value = args.value(i + 1);
        bool ok = true;
        if (arg == QLatin1String("--json")) {
            options.json = true;
            continue;
        }
        if (i + 1 >= args.size()) {
            err << "baton-cli bench e2e: unknown option or missing value: " << arg << '\n'
                << e2eUsage();
            return std::nullopt;
        }
        ++i;
        if (arg == QLatin1String("--workload")) {
            if (value != QLatin1String("all")) {
                const auto workload = workloadNamed(value);
                ok = workload.has_value();
                if (ok)
                    options.workloads = {*workload};
            }
        } else if (arg == QLatin1String("--viewers")) {
            options.viewers.clear();
            for (const QString &part : value.split(QLatin1Char(','))) {
                const int count = part.toInt(&ok);
                if (!ok || count < 1 || count > 100) {
                    ok = false;
                    break;
                }
                options.viewers.push_back(count);
            }
        } else if (arg == QLatin1String("--tile-viewers")) {
            options.tileViewers = value.toInt(&ok);
            ok = ok && options.tileViewers >= 0 && options.tileViewers <= 100;
        } else if (arg == QLatin1String("--seconds")) {
            options.seconds = value.toDouble(&ok);
            ok = ok && options.seconds > 0 && options.seconds <= 3600;
        } else if (arg == QLatin1String("--settle-seconds")) {
            options.settleSeconds = value.toDouble(&ok);
            ok = ok && options.settleSeconds >= 0 && options.settleSeconds <= 600;
        } else if (arg == QLatin1String("--menu-openings")) {
            options.menuOpenings = value.toInt(&ok);
            ok = ok && options.menuOpenings >= 1 && options.menuOpenings <= 1000;
        } else if (arg == QLatin1String("--peer")) {
            ok = value == QLatin1String("none") || value == QLatin1String("x11vnc");
            options.peer = value == QLatin1String("x11vnc");
        } else if (arg == QLatin1String("--viewer")) {
            ok = value == QLatin1String("native") || value == QLatin1String("browser");
            options.browserViewers = value == QLatin1String("browser");
        } else if (arg == QLatin1String("--host")) {
            ok = value == QLatin1String("x11") || value == QLatin1String("wayland");
            options.waylandHost = value == QLatin1String("wayland");
        } else {
            ok = false;
        }
        if (!ok) {
            err << "baton-cli bench e2e: bad " << arg << " '" << value << "'\n" << e2eUsage();
            return std::nullopt;
        }
    }
    if (options.waylandHost) {
        const auto wanted = [](E2eWorkload w) {
            return w == E2eWorkload::Typing || w == E2eWorkload::Scrolling;
        };
        if (args.contains(QLatin1String("--workload")) &&
            !std::all_of(options.workloads.begin(), options.workloads.end(), wanted)) {
            err << "baton-cli bench e2e: --host wayland runs the typing and scrolling workloads\n";
            return std::nullopt;
        }
        if (options.browserViewers) {
            err << "baton-cli bench e2e: --host wayland has no browser viewers\n";
            return std::nullopt;
        }
        options.workloads.erase(std::remove_if(options.workloads.begin(), options.workloads.end(),
                                               [&](E2eWorkload w) { return !wanted(w); }),
                                options.workloads.end());
        options.peer = false;
    }
    return options;
}

} // namespace baton::cli
