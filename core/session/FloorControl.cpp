#include "core/session/FloorControl.h"

#include <algorithm>
#include <utility>

namespace baton {

FloorControl::FloorControl(ParticipantId host, Settings settings)
    : host_(host), settings_(settings), holder_(host)
{
}

std::optional<ParticipantId> FloorControl::pendingOfferTo() const
{
    if (!offer_)
        return std::nullopt;
    return offer_->to;
}

void FloorControl::setPolicy(FloorPolicy policy, Clock::time_point now)
{
    if (policy == settings_.policy)
        return;
    settings_.policy = policy;
    // Collaborate has no queue: whoever acts takes the floor.
    if (policy == FloorPolicy::Collaborate && !queue_.empty()) {
        queue_.clear();
        emitQueue();
    }
    if (policy == FloorPolicy::Auto && isFree() && !queue_.empty())
        floorFreed(FloorCause::AutoGranted, now);
}

void FloorControl::join(ParticipantId participant)
{
    if (participant != host_ && !isMember(participant))
        members_.push_back(participant);
}

void FloorControl::leave(ParticipantId participant, Clock::time_point now)
{
    if (participant == host_ || !isMember(participant))
        return;
    std::erase(members_, participant);
    if (isQueued(participant)) {
        removeFromQueue(participant);
        emitQueue();
    }
    if (offer_ && (offer_->to == participant || offer_->from == participant))
        clearOffer(true);
    if (holder_ == participant)
        floorFreed(FloorCause::Disconnected, now);
}

FloorRefusal FloorControl::request(ParticipantId participant, Clock::time_point now)
{
    if (participant == host_)
        return revoke(host_, now);
    if (!isMember(participant))
        return FloorRefusal::UnknownParticipant;
    if (participant == holder_)
        return FloorRefusal::AlreadyHolding;
    if (isQueued(participant))
        return FloorRefusal::AlreadyQueued;

    switch (settings_.policy) {
    case FloorPolicy::Auto:
        if (isFree() && queue_.empty()) {
            setHolder(participant, FloorCause::AutoGranted, now);
            return FloorRefusal::None;
        }
        queue_.push_back(participant);
        emitQueue();
        return FloorRefusal::None;
    case FloorPolicy::Ask:
        queue_.push_back(participant);
        emitQueue();
        pushEvent(FloorEvent::Kind::RequestPending).participant = participant;
        return FloorRefusal::None;
    case FloorPolicy::Collaborate:
        if (isFree() || now - holderLastActive_ >= settings_.collaborateHoldOff) {
            setHolder(participant, FloorCause::Taken, now);
            return FloorRefusal::None;
        }
        return FloorRefusal::HoldOff;
    }
    return FloorRefusal::None;
}

FloorRefusal FloorControl::cancelRequest(ParticipantId participant)
{
    if (!isQueued(participant))
        return FloorRefusal::NotQueued;
    removeFromQueue(participant);
    emitQueue();
    return FloorRefusal::None;
}

FloorRefusal FloorControl::grant(ParticipantId by, ParticipantId participant, Clock::time_point now)
{
    if (by != host_)
        return FloorRefusal::NotHost;
    if (!isMember(participant))
        return FloorRefusal::UnknownParticipant;
    if (participant == holder_)
        return FloorRefusal::AlreadyHolding;
    if (!isQueued(participant))
        return FloorRefusal::NotQueued;
    removeFromQueue(participant);
    emitQueue();
    setHolder(participant, FloorCause::Granted, now);
    return FloorRefusal::None;
}

FloorRefusal FloorControl::deny(ParticipantId by, ParticipantId participant)
{
    if (by != host_)
        return FloorRefusal::NotHost;
    if (!isQueued(participant))
        return FloorRefusal::NotQueued;
    removeFromQueue(participant);
    FloorEvent &denied = pushEvent(FloorEvent::Kind::RequestDenied);
    denied.participant = participant;
    denied.refusal = FloorRefusal::DeniedByHost;
    emitQueue();
    return FloorRefusal::None;
}

FloorRefusal FloorControl::revoke(ParticipantId by, Clock::time_point now)
{
    if (by != host_)
        return FloorRefusal::NotHost;
    if (isFree())
        return FloorRefusal::AlreadyHolding;
    setHolder(host_, FloorCause::Revoked, now);
    return FloorRefusal::None;
}

FloorRefusal FloorControl::release(ParticipantId participant, Clock::time_point now)
{
    if (participant != holder_)
        return FloorRefusal::NotHolder;
    floorFreed(FloorCause::Released, now);
    return FloorRefusal::None;
}

FloorRefusal FloorControl::passTo(ParticipantId by, ParticipantId target, Clock::time_point now)
{
    if (by != holder_ && by != host_)
        return FloorRefusal::NotHolder;
    if (target != host_ && !isMember(target))
        return FloorRefusal::UnknownParticipant;
    if (target == holder_)
        return FloorRefusal::AlreadyHolding;
    if (target == host_ || isQueued(target)) {
        if (isQueued(target)) {
            removeFromQueue(target);
            emitQueue();
        }
        setHolder(target, FloorCause::Passed, now);
        return FloorRefusal::None;
    }
    if (offer_)
        clearOffer(true);
    offer_ = Offer{by, target, now + settings_.offerTimeout};
    FloorEvent &offered = pushEvent(FloorEvent::Kind::OfferMade);
    offered.participant = target;
    offered.previous = by;
    return FloorRefusal::None;
}

FloorRefusal FloorControl::acceptOffer(ParticipantId participant, Clock::time_point now)
{
    if (!offer_ || offer_->to != participant)
        return FloorRefusal::NoOffer;
    offer_.reset();
    if (isQueued(participant)) {
        removeFromQueue(participant);
        emitQueue();
    }
    setHolder(participant, FloorCause::Passed, now);
    return FloorRefusal::None;
}

FloorRefusal FloorControl::declineOffer(ParticipantId participant, Clock::time_point)
{
    if (!offer_ || offer_->to != participant)
        return FloorRefusal::NoOffer;
    clearOffer(true);
    return FloorRefusal::None;
}

FloorRefusal FloorControl::admitInput(ParticipantId participant, uint32_t generation,
                                      Clock::time_point now)
{
    if (!isMember(participant) || participant == host_)
        return FloorRefusal::UnknownParticipant;
    if (participant == holder_) {
        if (generation != generation_)
            return FloorRefusal::StaleGeneration;
        holderLastActive_ = now;
        return FloorRefusal::None;
    }
    if (settings_.policy != FloorPolicy::Collaborate)
        return FloorRefusal::NotHolder;
    if (now - holderLastActive_ < settings_.collaborateHoldOff)
        return FloorRefusal::HoldOff;
    setHolder(participant, FloorCause::Taken, now);
    return FloorRefusal::None;
}

void FloorControl::hostInput(Clock::time_point now)
{
    if (isFree()) {
        // The host acting keeps collaborators' hands off for the hold-off too.
        holderLastActive_ = now;
        return;
    }
    setHolder(host_, FloorCause::Preempted, now);
}

void FloorControl::tick(Clock::time_point now)
{
    if (offer_ && now >= offer_->expires)
        clearOffer(true);
    if (!isFree() && now - holderLastActive_ >= settings_.idleTimeout)
        floorFreed(FloorCause::IdleTimeout, now);
}

std::vector<FloorEvent> FloorControl::takeEvents()
{
    return std::exchange(events_, {});
}

bool FloorControl::isMember(ParticipantId participant) const
{
    return participant == host_ ||
        std::find(members_.begin(), members_.end(), participant) != members_.end();
}

bool FloorControl::isQueued(ParticipantId participant) const
{
    return std::find(queue_.begin(), queue_.end(), participant) != queue_.end();
}

void FloorControl::removeFromQueue(ParticipantId participant)
{
    std::erase(queue_, participant);
}

void FloorControl::setHolder(ParticipantId holder, FloorCause cause, Clock::time_point now)
{
    // Whoever offered the floor may not hold it any more: a pending offer is void.
    if (offer_)
        clearOffer(true);
    const ParticipantId previous = holder_;
    holder_ = holder;
    ++generation_;
    holderLastActive_ = now;
    FloorEvent &changed = pushEvent(FloorEvent::Kind::HolderChanged);
    changed.holder = holder;
    changed.previous = previous;
    changed.generation = generation_;
    changed.cause = cause;
}

void FloorControl::floorFreed(FloorCause cause, Clock::time_point now)
{
    if (settings_.policy == FloorPolicy::Auto && !queue_.empty()) {
        const ParticipantId next = queue_.front();
        queue_.pop_front();
        emitQueue();
        setHolder(next, FloorCause::AutoGranted, now);
        return;
    }
    if (!isFree())
        setHolder(host_, cause, now);
}

void FloorControl::clearOffer(bool declined)
{
    if (offer_ && declined) {
        FloorEvent &lapsed = pushEvent(FloorEvent::Kind::OfferDeclined);
        lapsed.participant = offer_->to;
        lapsed.previous = offer_->from;
    }
    offer_.reset();
}

void FloorControl::emitQueue()
{
    pushEvent(FloorEvent::Kind::QueueChanged).queue.assign(queue_.begin(), queue_.end());
}

FloorEvent &FloorControl::pushEvent(FloorEvent::Kind kind)
{
    FloorEvent &event = events_.emplace_back();
    event.kind = kind;
    return event;
}

const char *toString(FloorPolicy policy)
{
    switch (policy) {
    case FloorPolicy::Ask:
        return "ask";
    case FloorPolicy::Auto:
        return "auto";
    case FloorPolicy::Collaborate:
        return "collaborate";
    }
    return "unknown";
}

std::optional<FloorPolicy> parseFloorPolicy(std::string_view name)
{
    for (const FloorPolicy policy : {FloorPolicy::Ask, FloorPolicy::Auto, FloorPolicy::Collaborate})
        if (name == toString(policy))
            return policy;
    return std::nullopt;
}

const char *toString(FloorCause cause)
{
    switch (cause) {
    case FloorCause::Granted:
        return "granted by the host";
    case FloorCause::AutoGranted:
        return "granted automatically";
    case FloorCause::Taken:
        return "taken by acting";
    case FloorCause::Passed:
        return "passed on";
    case FloorCause::Released:
        return "released";
    case FloorCause::Revoked:
        return "revoked by the host";
    case FloorCause::Preempted:
        return "taken back by the host's own input";
    case FloorCause::IdleTimeout:
        return "lost after being idle";
    case FloorCause::Disconnected:
        return "lost when the holder left";
    }
    return "unknown";
}

const char *toString(FloorRefusal refusal)
{
    switch (refusal) {
    case FloorRefusal::None:
        return "accepted";
    case FloorRefusal::NotHost:
        return "only the host may do that";
    case FloorRefusal::NotHolder:
        return "only the participant in control may do that";
    case FloorRefusal::AlreadyHolding:
        return "already in control";
    case FloorRefusal::AlreadyQueued:
        return "already waiting for control";
    case FloorRefusal::NotQueued:
        return "that participant is not waiting for control";
    case FloorRefusal::UnknownParticipant:
        return "no such participant";
    case FloorRefusal::NoOffer:
        return "no offer of control to answer";
    case FloorRefusal::HoldOff:
        return "someone else is using the window; try again in a moment";
    case FloorRefusal::StaleGeneration:
        return "input sent under an earlier grant";
    case FloorRefusal::DeniedByHost:
        return "the host declined the request";
    }
    return "unknown";
}

} // namespace baton
