#pragma once

#include "E2eWorkload.h"
#include "LinkProfile.h"

#include <QStringList>
#include <QTextStream>

#include <optional>
#include <vector>

namespace baton::cli {

// What `baton-cli bench e2e` was asked to run.
struct E2eOptions {
    bool json = false;
    std::vector<E2eWorkload> workloads{E2eWorkload::Typing, E2eWorkload::Scrolling,
                                       E2eWorkload::Video,  E2eWorkload::VideoFile,
                                       E2eWorkload::Idle,   E2eWorkload::Menus};
    std::vector<int> viewers{1};
    // Baton only: this many more viewers that announce no video codec (join --no-video),
    // so the host sends them its video regions as tiles.
    int tileViewers = 0;
    double seconds = 20;
    double settleSeconds = 3;
    int menuOpenings = 30;
    bool peer = true;
    // --viewer browser: Baton is measured twice, with baton-cli joins and with as many tabs
    // of one headless chromium joined from the web link (system "baton-web").
    bool browserViewers = false;
    // --host wayland: Baton's host on X11 (system "baton-x11") and on a private headless
    // GNOME's Wayland ("baton-wayland"), both sharing lxterminal (E2eHosts.h), typing and
    // scrolling only, without x11vnc or browser viewers.
    bool waylandHost = false;
    // --link: the viewers' emulated links, viewer i (from 0) on links[i % links.size()],
    // each its own path; empty: loopback through one counting relay, as before.
    std::vector<LinkProfile> links;
    // --link-step SECONDS:RATE: every shaped link's rate becomes linkStepKbit this many
    // seconds into each measured period (and returns to its profile's afterwards).
    double linkStepSeconds = -1;
    int linkStepKbit = 0;
};

// The command's usage text.
const char *e2eUsage();
// The options in ARGS (after `bench e2e`), or nullopt after saying on err what is wrong.
std::optional<E2eOptions> parseE2eOptions(const QStringList &args, QTextStream &err);

} // namespace baton::cli
