#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string_view>
#include <vector>

namespace baton {

// T.122-style user id of a participant (the host included).
using ParticipantId = uint16_t;

enum class FloorPolicy {
    Ask, // the host approves or denies every request
    Auto, // a request is granted when the floor is free, queued otherwise
    Collaborate, // anyone takes the floor by acting, after a short hold-off
};

// Why the floor moved.
enum class FloorCause {
    Granted, // host approved (ask) or granted outright
    AutoGranted, // auto policy: the floor was free or came free
    Taken, // collaborate: a participant acted after the hold-off
    Passed, // the holder or the host passed it on
    Released, // the holder gave it up
    Revoked, // the host took it back (button, panic key, SIGUSR1)
    Preempted, // the host used the shared window locally
    IdleTimeout, // the holder was silent for the idle timeout
    Disconnected, // the holder left the session
};

// Why an action was refused; also the reason sent with a deny.
enum class FloorRefusal {
    None,
    NotHost, // only the host may do that
    NotHolder, // only the floor holder may do that
    AlreadyHolding, // the requester holds the floor already
    AlreadyQueued, // the requester is waiting already
    NotQueued, // nothing to cancel, grant or deny for that participant
    UnknownParticipant,
    NoOffer, // accept/decline without a pending pass-to offer
    HoldOff, // collaborate: someone acted too recently
    StaleGeneration, // input tagged with an older grant
    DeniedByHost, // ask: the host said no
};

// What a FloorControl tells the session to broadcast, in order.
struct FloorEvent {
    enum class Kind {
        HolderChanged, // holder, previous, generation, cause
        QueueChanged, // queue (in arrival order)
        RequestPending, // participant: ask policy, the host must decide
        RequestDenied, // participant, refusal
        OfferMade, // participant: offered the floor by `previous` (the giver)
        OfferDeclined, // participant declined or the offer lapsed
    };
    Kind kind = Kind::HolderChanged;
    ParticipantId participant = 0;
    ParticipantId holder = 0;
    ParticipantId previous = 0;
    uint32_t generation = 0;
    FloorCause cause = FloorCause::Granted;
    FloorRefusal refusal = FloorRefusal::None;
    std::vector<ParticipantId> queue;
};

// The one arbiter of who may drive the shared application. A pure state machine: no
// I/O, no timers, no clock of its own — every call carries `now`, and the owner calls
// tick() periodically so idle timeouts and pass-to offers lapse. Transitions are queued
// as FloorEvents for the owner to broadcast (takeEvents()). Not thread-safe: owned and
// used by the session on one thread.
//
// The host holds the floor by default ("free"). Every change of holder increments the
// generation, which input carries so that input sent under an older grant is dropped.
class FloorControl {
public:
    using Clock = std::chrono::steady_clock;

    struct Settings {
        FloorPolicy policy = FloorPolicy::Ask;
        std::chrono::milliseconds idleTimeout{60'000};
        std::chrono::milliseconds collaborateHoldOff{1'500};
        std::chrono::milliseconds offerTimeout{30'000};
    };

    FloorControl(ParticipantId host, Settings settings);

    ParticipantId host() const { return host_; }
    ParticipantId holder() const { return holder_; }
    bool isFree() const { return holder_ == host_; }
    uint32_t generation() const { return generation_; }
    FloorPolicy policy() const { return settings_.policy; }
    const std::deque<ParticipantId> &queue() const { return queue_; }
    std::optional<ParticipantId> pendingOfferTo() const;

    void setPolicy(FloorPolicy policy, Clock::time_point now);

    // Membership: only joined participants can request, hold or be passed the floor.
    void join(ParticipantId participant);
    void leave(ParticipantId participant, Clock::time_point now);

    FloorRefusal request(ParticipantId participant, Clock::time_point now);
    FloorRefusal cancelRequest(ParticipantId participant);
    FloorRefusal grant(ParticipantId by, ParticipantId participant, Clock::time_point now);
    FloorRefusal deny(ParticipantId by, ParticipantId participant);
    FloorRefusal revoke(ParticipantId by, Clock::time_point now);
    FloorRefusal release(ParticipantId participant, Clock::time_point now);
    // The holder or the host hands the floor on: at once to a participant who is
    // waiting for it, otherwise as an offer the target accepts or declines.
    FloorRefusal passTo(ParticipantId by, ParticipantId target, Clock::time_point now);
    FloorRefusal acceptOffer(ParticipantId participant, Clock::time_point now);
    FloorRefusal declineOffer(ParticipantId participant, Clock::time_point now);

    // Input from a viewer, tagged with the generation it believes is current. Returns
    // None when the input may be injected. Under the collaborate policy a non-holder's
    // input takes the floor once the hold-off has passed.
    FloorRefusal admitInput(ParticipantId participant, uint32_t generation, Clock::time_point now);
    // The host used the shared window locally: it takes the floor back at once.
    void hostInput(Clock::time_point now);

    // Lapses idle holders and stale offers. Call at least once a second.
    void tick(Clock::time_point now);

    std::vector<FloorEvent> takeEvents();

private:
    struct Offer {
        ParticipantId from;
        ParticipantId to;
        Clock::time_point expires;
    };

    bool isMember(ParticipantId participant) const;
    bool isQueued(ParticipantId participant) const;
    void removeFromQueue(ParticipantId participant);
    void setHolder(ParticipantId holder, FloorCause cause, Clock::time_point now);
    // The floor came free (release, timeout, disconnect): hand it on as the policy says.
    void floorFreed(FloorCause cause, Clock::time_point now);
    void clearOffer(bool declined);
    void emitQueue();
    FloorEvent &pushEvent(FloorEvent::Kind kind);

    ParticipantId host_;
    Settings settings_;
    ParticipantId holder_;
    uint32_t generation_ = 0;
    Clock::time_point holderLastActive_{};
    std::deque<ParticipantId> queue_;
    std::vector<ParticipantId> members_;
    std::optional<Offer> offer_;
    std::vector<FloorEvent> events_;
};

const char *toString(FloorPolicy policy);
// The policy toString() names ("ask", "auto", "collaborate"); nullopt for anything else.
std::optional<FloorPolicy> parseFloorPolicy(std::string_view name);
const char *toString(FloorCause cause);
const char *toString(FloorRefusal refusal);

} // namespace baton
