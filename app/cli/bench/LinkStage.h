#pragma once

#include "LinkProfile.h"
#include "LinkRelay.h"
#include "LinkShaper.h"

#include <memory>
#include <vector>

namespace baton::cli {

// The e2e benchmark's links (--link): the private network namespace with one shaped link
// per viewer, made once for the whole benchmark, and each system's relays through them.
// Without --link it only hands out the one counting relay every viewer shares.
class LinkStage {
public:
    // With PROFILES (--link), enters a private network namespace and shapes links 1 to
    // linkCount, link N as profiles[(N - 1) % size]: every viewer its own path.
    bool start(const std::vector<LinkProfile> &profiles, int linkCount, QString *error);
    bool emulated() const { return !profiles_.empty(); }

    // The relays for VIEWERS viewers of the server at targetPort, listening: viewer i
    // (from 0) goes through relays[i % relays.size()]. Emulated: one per viewer, viewer i
    // on link i + 1; otherwise one plain loopback relay for all of them.
    std::vector<std::unique_ptr<LinkRelay>> relaysFor(quint16 targetPort, int viewers,
                                                      QString *error) const;
    // --link-step: every shaped link's rate to rateKbit, or (rateKbit 0) back to its
    // profile's.
    bool setRate(int rateKbit, QString *error);

private:
    const LinkProfile &profileOf(int link) const;

    std::vector<LinkProfile> profiles_;
    int linkCount_ = 0;
    LinkShaper shaper_;
};

} // namespace baton::cli
