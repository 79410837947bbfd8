#include "FloorArbiter.h"

#include "SessionLogging.h"
#include "core/input/InputInjector.h"
#include "core/protocol/ControlPdus.h"
#include "core/protocol/InputPdus.h"
#include "core/protocol/PduTypes.h"
#include "core/protocol/RosterPdus.h"

namespace baton {

using namespace protocol;

namespace {

constexpr int kTickIntervalMs = 250;

FloorControl::Clock::time_point now()
{
    return FloorControl::Clock::now();
}

FloorRevokeReason revokeReason(FloorCause cause)
{
    switch (cause) {
    case FloorCause::Preempted:
        return FloorRevokeReason::HostInput;
    case FloorCause::IdleTimeout:
        return FloorRevokeReason::Idle;
    case FloorCause::Disconnected:
        return FloorRevokeReason::HolderLeft;
    default:
        return FloorRevokeReason::HostRevoked;
    }
}

FloorDecisionReason decisionReason(FloorRefusal refusal)
{
    switch (refusal) {
    case FloorRefusal::DeniedByHost:
        return FloorDecisionReason::HostDenied;
    case FloorRefusal::UnknownParticipant:
        return FloorDecisionReason::NoSuchUser;
    case FloorRefusal::HoldOff:
        return FloorDecisionReason::HostBusy;
    default:
        return FloorDecisionReason::None;
    }
}

} // namespace

FloorArbiter::FloorArbiter(FloorControl::Settings settings, Send send, QObject *parent)
    : QObject(parent), floor_(kHostUserId, settings), send_(std::move(send))
{
    tick_.setInterval(kTickIntervalMs);
    connect(&tick_, &QTimer::timeout, this, [this] {
        floor_.tick(now());
        flush();
    });
    tick_.start();
}

FloorArbiter::~FloorArbiter() = default;

void FloorArbiter::join(uint16_t participant)
{
    floor_.join(participant);
    flush();
}

void FloorArbiter::leave(uint16_t participant)
{
    if (floor_.holder() == participant && injector_)
        injector_->releaseAll();
    replayers_.erase(participant);
    floor_.leave(participant, now());
    flush();
}

void FloorArbiter::refuse(uint16_t participant, FloorRefusal refusal)
{
    qCInfo(lcSession).noquote() << "floor: refused for" << participant << toString(refusal);
    send_(participant, FloorDecisionPdu{participant, FloorDecision::Denied,
                                        decisionReason(refusal), floor_.generation()});
}

void FloorArbiter::onViewerPdu(uint16_t participant, const PduBody &body)
{
    const auto at = now();
    const ControlPdu *control = std::get_if<ControlPdu>(&body);
    if (std::holds_alternative<FloorRequestPdu>(body) ||
        (control && control->action == ControlAction::RequestControl)) {
        const bool offered = floor_.pendingOfferTo() == participant;
        const FloorRefusal refusal = offered ? floor_.acceptOffer(participant, at)
                                             : floor_.request(participant, at);
        if (refusal != FloorRefusal::None)
            refuse(participant, refusal);
        else if (floor_.holder() != participant)
            send_(participant, FloorDecisionPdu{participant, FloorDecision::Queued,
                                                FloorDecisionReason::None, floor_.generation()});
    } else if (std::holds_alternative<FloorReleasePdu>(body) ||
               (control && control->action == ControlAction::Detach)) {
        FloorRefusal refusal = FloorRefusal::None;
        if (floor_.holder() == participant) {
            if (injector_)
                injector_->releaseAll();
            refusal = floor_.release(participant, at);
        } else if (floor_.pendingOfferTo() == participant) {
            refusal = floor_.declineOffer(participant, at);
        } else {
            refusal = floor_.cancelRequest(participant);
        }
        if (refusal != FloorRefusal::None)
            refuse(participant, refusal);
    } else if (const auto *pass = std::get_if<FloorPassToPdu>(&body)) {
        if (floor_.holder() == participant && injector_)
            injector_->releaseAll();
        const FloorRefusal refusal = floor_.passTo(participant, pass->targetId, at);
        if (refusal != FloorRefusal::None)
            refuse(participant, refusal);
    } else if (const auto *input = std::get_if<InputPdu>(&body)) {
        admitInput(participant, *input);
    }
    flush();
}

void FloorArbiter::admitInput(uint16_t participant, const InputPdu &input)
{
    const auto events = int64_t(input.events.size());
    const FloorRefusal refusal = floor_.admitInput(participant, floor_.generation(), now());
    if (refusal != FloorRefusal::None || !injector_) {
        droppedEvents_ += events;
        qCDebug(lcSession).noquote() << "floor: dropped" << events << "input events from"
                                     << participant << toString(refusal);
        return;
    }
    const int refused = replayers_[participant].replay(input, *injector_);
    injectedEvents_ += events - refused;
    droppedEvents_ += refused;
    if (refused > 0)
        qCWarning(lcSession).noquote() << "input not delivered:" << injector_->errorString();
}

FloorRefusal FloorArbiter::grant(uint16_t participant)
{
    const FloorRefusal refusal = floor_.grant(kHostUserId, participant, now());
    if (refusal == FloorRefusal::None)
        flush();
    return refusal;
}

FloorRefusal FloorArbiter::deny(uint16_t participant)
{
    const FloorRefusal refusal = floor_.deny(kHostUserId, participant);
    flush();
    return refusal;
}

FloorRefusal FloorArbiter::revoke()
{
    if (injector_)
        injector_->releaseAll();
    const FloorRefusal refusal = floor_.revoke(kHostUserId, now());
    flush();
    return refusal;
}

FloorRefusal FloorArbiter::passTo(uint16_t participant)
{
    const FloorRefusal refusal = floor_.passTo(kHostUserId, participant, now());
    flush();
    return refusal;
}

void FloorArbiter::setPolicy(FloorPolicy policy)
{
    floor_.setPolicy(policy, now());
    flush();
}

void FloorArbiter::hostInput()
{
    if (!floor_.isFree() && injector_)
        injector_->releaseAll();
    floor_.hostInput(now());
    flush();
}

FloorQueueStatePdu FloorArbiter::queueState() const
{
    FloorQueueStatePdu pdu;
    pdu.holderId = floor_.holder();
    pdu.controlGeneration = floor_.generation();
    for (const ParticipantId waiting : floor_.queue())
        if (pdu.queue.size() < FloorQueueStatePdu::kMaxQueue)
            pdu.queue.push_back(waiting);
    return pdu;
}

std::vector<PduBody> FloorArbiter::state() const
{
    std::vector<PduBody> pdus;
    pdus.emplace_back(ControlPdu{ControlAction::GrantedControl, floor_.holder(), floor_.generation()});
    pdus.emplace_back(queueState());
    return pdus;
}

void FloorArbiter::flush()
{
    for (const FloorEvent &event : floor_.takeEvents()) {
        switch (event.kind) {
        case FloorEvent::Kind::HolderChanged: {
            qCInfo(lcSession).noquote() << "floor:" << event.holder << "holds it (generation"
                                        << event.generation << ") after" << toString(event.cause)
                                        << "from" << event.previous;
            replayers_.erase(event.previous);
            if (injector_ && event.previous != kHostUserId)
                injector_->releaseAll(); // nothing the previous holder pressed stays down
            send_(std::nullopt, ControlPdu{ControlAction::GrantedControl, event.holder, event.generation});
            const bool takenAway = event.cause == FloorCause::Revoked ||
                event.cause == FloorCause::Preempted || event.cause == FloorCause::IdleTimeout ||
                event.cause == FloorCause::Disconnected;
            if (takenAway && event.previous != kHostUserId)
                send_(std::nullopt, FloorRevokePdu{event.previous, revokeReason(event.cause), event.generation});
            if (event.holder != kHostUserId)
                send_(event.holder, FloorDecisionPdu{event.holder, FloorDecision::Granted,
                                                     FloorDecisionReason::None, event.generation});
            if (event.previous != kHostUserId)
                send_(std::nullopt, RosterFloorStatePdu{event.previous, FloorState::None, 0});
            send_(std::nullopt, RosterFloorStatePdu{event.holder, FloorState::Holding, 0});
            send_(std::nullopt, queueState());
            emit holderChanged(event.holder, event.previous, QString::fromLatin1(toString(event.cause)));
            break;
        }
        case FloorEvent::Kind::QueueChanged: {
            uint8_t position = 0;
            for (const ParticipantId waiting : event.queue)
                send_(std::nullopt, RosterFloorStatePdu{waiting, FloorState::Queued,
                                                        uint8_t(std::min(++position, uint8_t(255)))});
            send_(std::nullopt, queueState());
            emit queueChanged();
            break;
        }
        case FloorEvent::Kind::RequestPending:
            qCInfo(lcSession).noquote() << "floor:" << event.participant << "asks for control";
            send_(std::nullopt, RosterFloorStatePdu{event.participant, FloorState::Requesting, 0});
            emit requestPending(event.participant);
            break;
        case FloorEvent::Kind::RequestDenied:
            refuse(event.participant, event.refusal);
            send_(std::nullopt, RosterFloorStatePdu{event.participant, FloorState::None, 0});
            break;
        case FloorEvent::Kind::OfferMade:
            qCInfo(lcSession).noquote() << "floor: offered to" << event.participant << "by"
                                        << event.previous;
            send_(event.participant, FloorPassToPdu{event.participant, event.generation});
            break;
        case FloorEvent::Kind::OfferDeclined:
            qCInfo(lcSession).noquote() << "floor: offer to" << event.participant << "lapsed or declined";
            break;
        }
    }
}

} // namespace baton
