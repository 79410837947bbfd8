#pragma once

#include "core/protocol/HandshakePdus.h"
#include "core/protocol/Pdu.h"
#include "core/protocol/RosterPdus.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace baton {

// Who is in a session, by user id: the host's list it announces, and the viewer's copy
// built from the roster PDUs it receives.
class Roster {
public:
    struct Participant {
        uint16_t userId = 0;
        protocol::Role role = protocol::Role::Viewer;
        std::string name;
        protocol::FloorState floor = protocol::FloorState::None;
        friend bool operator==(const Participant &, const Participant &) = default;
    };

    static constexpr std::size_t kMaxParticipants = 4096;

    // Applies one roster PDU; false when it is not a roster PDU or names nobody known
    // (a join beyond kMaxParticipants is ignored and also false).
    bool apply(const protocol::PduBody &body);
    void add(Participant participant);
    void remove(uint16_t userId);
    const Participant *find(uint16_t userId) const;
    std::vector<Participant> participants() const;
    std::size_t size() const { return participants_.size(); }
    void clear() { participants_.clear(); }

    // The PDUs that describe everyone, for a late joiner.
    std::vector<protocol::PduBody> snapshot() const;

private:
    std::map<uint16_t, Participant> participants_;
};

} // namespace baton
