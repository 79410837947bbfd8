#include "Roster.h"

#include "core/protocol/Pdu.h"

namespace baton {

using namespace protocol;

void Roster::add(Participant participant)
{
    if (participants_.size() >= kMaxParticipants && !participants_.contains(participant.userId))
        return;
    participants_[participant.userId] = std::move(participant);
}

void Roster::remove(uint16_t userId)
{
    participants_.erase(userId);
}

const Roster::Participant *Roster::find(uint16_t userId) const
{
    const auto it = participants_.find(userId);
    return it == participants_.end() ? nullptr : &it->second;
}

std::vector<Roster::Participant> Roster::participants() const
{
    std::vector<Participant> all;
    all.reserve(participants_.size());
    for (const auto &[id, participant] : participants_)
        all.push_back(participant);
    return all;
}

bool Roster::apply(const PduBody &body)
{
    if (const auto *join = std::get_if<RosterJoinPdu>(&body)) {
        if (participants_.size() >= kMaxParticipants && !participants_.contains(join->userId))
            return false;
        add({join->userId, join->role, join->name, FloorState::None});
        return true;
    }
    if (const auto *leave = std::get_if<RosterLeavePdu>(&body))
        return participants_.erase(leave->userId) > 0;
    auto known = [this](uint16_t userId) {
        const auto it = participants_.find(userId);
        return it == participants_.end() ? nullptr : &it->second;
    };
    if (const auto *name = std::get_if<RosterNamePdu>(&body)) {
        Participant *participant = known(name->userId);
        if (participant)
            participant->name = name->name;
        return participant != nullptr;
    }
    if (const auto *role = std::get_if<RosterRolePdu>(&body)) {
        Participant *participant = known(role->userId);
        if (participant)
            participant->role = role->role;
        return participant != nullptr;
    }
    if (const auto *floor = std::get_if<RosterFloorStatePdu>(&body)) {
        Participant *participant = known(floor->userId);
        if (participant)
            participant->floor = floor->state;
        return participant != nullptr;
    }
    return false;
}

std::vector<PduBody> Roster::snapshot() const
{
    std::vector<PduBody> pdus;
    for (const auto &[id, participant] : participants_) {
        pdus.emplace_back(RosterJoinPdu{participant.userId, participant.role, participant.name});
        if (participant.floor != FloorState::None)
            pdus.emplace_back(RosterFloorStatePdu{participant.userId, participant.floor, 0});
    }
    return pdus;
}

} // namespace baton
