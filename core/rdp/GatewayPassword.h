#pragma once

#include <QString>

namespace baton::rdp {

// The password RDP clients log on with when the share has no passcode of its own: an RDP
// address carries no session id, so without it the port alone would admit anyone.
class GatewayPassword {
public:
    static constexpr int kLength = 12;
    // Capitals and digits that cannot be mistaken for one another when read off a screen
    // and typed (no case to get wrong; no 0/O, 1/I, 2/Z, 5/S, 8/B).
    static constexpr char kAlphabet[] = "ACDEFGHJKLMNPQRTUVWXY34679";

    // kLength characters of kAlphabet from the system's secure generator (56 bits: far
    // beyond guessing over the network).
    static QString generate();
};

} // namespace baton::rdp
