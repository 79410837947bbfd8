#include "E2eOptions.h"

#include <algorithm>

namespace baton::cli {

const char *e2eUsage()
{
    return "Usage: baton-cli bench e2e [--json] [--viewer native|browser]\n"
           "       [--workload typing|scrolling|video|video-file|idle|menus|all]\n"
           "       [--viewers N[,N...]] [--tile-viewers N] [--host x11|wayland]\n"
           "       [--seconds S] [--settle-seconds S] [--menu-openings N] [--peer none|x11vnc]\n"
           "       [--link PROFILE[,PROFILE...]] [--link-step SECONDS:RATE]\n"
           "The menus workload measures while it opens the menu (--menu-openings times),\n"
           "not for --seconds. --tile-viewers adds N Baton viewers that announce no video\n"
           "codec (join --no-video) to each run. --host wayland measures Baton's host\n"
           "on X11 and on a private headless GNOME (Wayland), both sharing lxterminal,\n"
           "for the typing and scrolling workloads (no x11vnc, no browser viewers).\n"
           "--link runs every viewer through an emulated link in a private network namespace\n"
           "(as root): PROFILE is lan, wifi, dsl, far or\n"
           "RATE/DELAY[~JITTER][/0%[/BUFFER]] such as 2mbit/75ms; viewer N takes the Nth\n"
           "profile, round robin. --link-step sets every shaped link's rate to RATE (e.g.\n"
           "500kbit) SECONDS into the measurement. --workload takes a comma-separated list.\n";
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
                options.workloads.clear();
                for (const QString &part : value.split(QLatin1Char(','))) {
                    const auto workload = workloadNamed(part);
                    ok = workload.has_value();
                    if (!ok)
                        break;
                    options.workloads.push_back(*workload);
                }
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
        } else if (arg == QLatin1String("--link")) {
            options.links.clear();
            for (const QString &part : value.split(QLatin1Char(','))) {
                QString why;
                const auto profile = parseLinkProfile(part, &why);
                if (!profile) {
                    err << "baton-cli bench e2e: " << why << '\n';
                    return std::nullopt;
                }
                options.links.push_back(*profile);
            }
        } else if (arg == QLatin1String("--link-step")) {
            options.linkStepSeconds = value.section(QLatin1Char(':'), 0, 0).toDouble(&ok);
            const auto rate = parseLinkRateKbit(value.section(QLatin1Char(':'), 1));
            ok = ok && rate && options.linkStepSeconds > 0;
            if (ok)
                options.linkStepKbit = *rate;
        } else {
            ok = false;
        }
        if (!ok) {
            err << "baton-cli bench e2e: bad " << arg << " '" << value << "'\n" << e2eUsage();
            return std::nullopt;
        }
    }
    if (!options.links.empty() && (options.waylandHost || options.browserViewers)) {
        err << "baton-cli bench e2e: --link is for native viewers of the X11 host\n";
        return std::nullopt;
    }
    if (options.linkStepSeconds > 0 &&
        (std::none_of(options.links.begin(), options.links.end(),
                      [](const LinkProfile &link) { return link.shaped(); }) ||
         options.linkStepSeconds >= options.seconds)) {
        err << "baton-cli bench e2e: --link-step needs a shaped --link and a step within "
               "--seconds\n";
        return std::nullopt;
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
