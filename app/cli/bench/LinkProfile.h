#pragma once

#include <QString>

#include <optional>

namespace baton::cli {

// One emulated network path between a server and a viewer (`bench e2e --link`):
// a bottleneck of rateKbit (0: unshaped loopback) with bufferMs of queue in front of it,
// then delayMs one way, each chunk held up to jitterMs more (never overtaking the one
// before it). The same in both directions.
struct LinkProfile {
    QString name;
    int rateKbit = 0;
    int delayMs = 0;
    int jitterMs = 0;
    int bufferMs = 0;

    bool shaped() const { return rateKbit > 0; }
};

// The profile NAME names: lan, wifi, dsl, far, or RATE/DELAY[/LOSS[/BUFFER]] such as
// 2mbit/75ms, 1mbit/150ms~20ms/0%/1s (RATE in kbit or mbit, DELAY[~JITTER] and BUFFER in
// ms or s). Loss other than 0 % is refused (see linkLossRefusal()). nullopt with the
// reason otherwise.
std::optional<LinkProfile> parseLinkProfile(const QString &name, QString *error);

// A link rate such as 2mbit or 512kbit in kbit/s (--link-step's), or nullopt.
std::optional<int> parseLinkRateKbit(const QString &rate);

// Why the emulator has no loss: the relay ends each TCP connection, so a segment dropped
// on its way would be sent again across the relay's loopback round trip instead of the
// link's, and a lossy link would cost every system much less than it does.
const char *linkLossRefusal();

} // namespace baton::cli
