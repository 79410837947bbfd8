#pragma once

#include "LinkProfile.h"

#include <QHostAddress>
#include <QString>

namespace baton::cli {

// The kernel's half of the link emulator: rate limits with tc inside a network namespace
// of the benchmark's own, so nothing touches the machine's network. Link N (1 to 250) has
// two loopback addresses: its relay (LinkRelay) listens for viewers on viewerSide(N) and
// connects to the server from serverSide(N). What the server sends the relay (to
// serverSide(N)) and what the viewers send it (to viewerSide(N)) each pass a token bucket
// (tbf) of the link's rate with the link's buffer in front of it, so each sender's own TCP
// meets the bottleneck and its queue as on a real path; the relay then adds the delay.
// Everything else on lo is not shaped.
//
// The root qdisc is htb, not prio: this kernel has no sch_prio. htb sends unclassified
// packets straight on, and each shaped direction is an htb class far faster than any
// link, holding the tbf that limits it.
class LinkShaper {
public:
    // Moves the calling thread, and so every process it starts from now on, into a new
    // network namespace with lo up at Ethernet's MTU (tbf drops a packet larger than its
    // bucket, and lo's 64 KiB packets would be). Needs CAP_SYS_ADMIN (root).
    static bool enterPrivateNetwork(QString *error);

    static QHostAddress viewerSide(int link);
    static QHostAddress serverSide(int link);

    // Sets up the root qdisc on lo; once, after enterPrivateNetwork().
    bool start(QString *error);
    // Shapes link N both ways as PROFILE says (nothing for an unshaped profile).
    bool addLink(int link, const LinkProfile &profile, QString *error);
    // Sets link N's rate both ways to rateKbit from now on (tc qdisc change), its buffer
    // staying as long in time.
    bool changeRate(int link, int rateKbit, int bufferMs, QString *error);

private:
    bool tbf(const char *verb, int classMinor, int rateKbit, int bufferMs, QString *error);
};

} // namespace baton::cli
